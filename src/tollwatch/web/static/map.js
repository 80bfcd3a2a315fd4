// Map page: offline country outlines, events as markers sized by toll, clustered when dense.
// Data: a compact marker feed (/map/events.json) and, on selection, the event card
// (/events/<id>/card), the same HTML as the event page.
"use strict";
(function () {
  var el = document.getElementById("map");
  if (!el || !window.L) return;
  var panel = document.getElementById("event-panel-body");
  var empty = document.getElementById("event-panel-empty");

  var map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1, maxZoom: 14 });
  map.setView([15, 15], 2);
  map.attributionControl.setPrefix(false);

  var tileUrl = el.dataset.tileUrl;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: "tiles: configured server" }).addTo(map);
  }

  fetch(el.dataset.outlinesUrl).then(function (r) { return r.json(); }).then(function (topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    var borders = topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; });
    L.geoJSON(countries, {
      style: { color: "#7d8b99", weight: 0, fillColor: "#f7f4ec", fillOpacity: tileUrl ? 0 : 1 },
      interactive: false,
    }).addTo(map);
    L.geoJSON(borders, { style: { color: "#6b7682", weight: 1, fill: false }, interactive: false }).addTo(map);
    map.attributionControl.addAttribution("Outlines: Natural Earth");
    var markerPane = map.getPane("markerPane");
    if (markerPane) markerPane.style.zIndex = 600;
    el.dataset.outlines = "ready";
  }).catch(function () {
    el.dataset.outlines = "error";  // the map still works without outlines
  });

  // Place names from the gazetteer: larger towns first, more as one zooms in; admin-1 names
  // at their centres at regional zooms. Drawn under the event markers, never clickable.
  var labelPane = map.createPane("tw-labels");
  labelPane.style.zIndex = 350;  // above the outlines, under every event marker
  labelPane.style.pointerEvents = "none";
  var labelLayer = L.layerGroup().addTo(map);
  var labelRequest = 0;
  function drawLabels() {
    if (!el.dataset.labelsUrl) return;
    var b = map.getBounds();
    var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    var bbox = [west, Math.max(-90, b.getSouth()), east, Math.min(90, b.getNorth())]
      .map(function (v) { return v.toFixed(3); }).join(",");
    var ticket = ++labelRequest;
    fetch(el.dataset.labelsUrl + "?bbox=" + bbox + "&zoom=" + map.getZoom())
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (ticket !== labelRequest) return;  // a newer view is already on its way
        labelLayer.clearLayers();
        data.labels.forEach(function (p) {
          var span = document.createElement("span");
          span.textContent = p.name;
          labelLayer.addLayer(L.marker([p.lat, p.lon], {
            icon: L.divIcon({ className: "tw-label " + p.kind, html: span.outerHTML, iconSize: null }),
            interactive: false, keyboard: false, pane: "tw-labels",
          }));
        });
        el.dataset.labels = String(data.labels.length);
      })
      .catch(function () { /* the map still works without labels */ });
  }
  map.on("moveend", drawLabels);

  // What a marker's outline says about how exactly its place is known.
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "tw-legend");
    box.innerHTML = "<strong>Place known to</strong>" +
      "<span><i class='tw-key town'></i>the town or village</span>" +
      "<span><i class='tw-key district'></i>the district only</span>" +
      "<span><i class='tw-key province'></i>the province or region only</span>" +
      "<span><i class='tw-key country'></i>the country only</span>";
    return box;
  };
  legend.addTo(map);
  var PRECISION_WORDS = {
    town: "place known to the town", district: "place known to the district only",
    province: "place known to the province only", country: "place known to the country only",
  };

  function radius(best) {
    if (best === null || best === undefined) return 9;
    return Math.max(9, Math.min(40, 6 + 4 * Math.sqrt(best)));
  }
  function label(s) { return String(s || "").replace(/_/g, " "); }

  var clusters = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    iconCreateFunction: function (cluster) {
      var total = 0;
      cluster.getAllChildMarkers().forEach(function (m) { total += m.options.twBest || 0; });
      var n = cluster.getChildCount();
      var size = Math.max(30, Math.min(60, 20 + 6 * Math.sqrt(n)));
      return L.divIcon({
        html: "<span>" + n + "</span>",
        className: "tw-cluster",
        iconSize: [size, size],
      });
    },
  });

  var selected = null;
  function show(id, marker) {
    if (selected && selected._icon) selected._icon.setAttribute("aria-pressed", "false");
    selected = marker || null;
    if (selected && selected._icon) selected._icon.setAttribute("aria-pressed", "true");
    panel.setAttribute("aria-busy", "true");
    fetch("/events/" + encodeURIComponent(id) + "/card", { headers: { Accept: "text/html" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      })
      .then(function (html) {
        empty.hidden = true;
        panel.innerHTML = html;
        var h = panel.querySelector(".event-card a");
        if (h) h.focus({ preventScroll: true });
      })
      .catch(function (err) {
        panel.textContent = "Could not load event " + id + ": " + err.message;
      })
      .finally(function () { panel.setAttribute("aria-busy", "false"); });
  }

  // Escape in the side panel returns to the marker it was opened from.
  document.getElementById("event-panel").addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && selected && selected._icon) selected._icon.focus();
  });

  fetch(el.dataset.eventsUrl, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (feed) {
      var bounds = [];
      feed.events.forEach(function (e) {
        if (e.lat === null || e.lon === null) return;
        var size = Math.round(radius(e.best) * 2);
        var precision = e.precision || "unknown";
        var name = label(e.outcome) + ", " + label(e.category) + ": " +
          (e.best === null ? "unknown" : e.best) + (e.place ? " in " + e.place : "") +
          (e.date ? ", " + e.date : "") +
          (PRECISION_WORDS[precision] ? " (" + PRECISION_WORDS[precision] + ")" : "");
        var icon = L.divIcon({
          className: "tw-marker " + e.outcome + " precision-" + precision,
          html: size >= 22 && e.best !== null ? String(e.best) : "",
          iconSize: [size, size],
        });
        var m = L.marker([e.lat, e.lon], { icon: icon, title: name, alt: name, keyboard: true, twBest: e.best || 0 });
        m.on("click", function () { show(e.id, m); });
        m.on("add", function () {
          if (m._icon) {
            m._icon.setAttribute("role", "button");
            m._icon.setAttribute("aria-label", name);
            m._icon.dataset.eventId = e.id;
            m._icon.addEventListener("keydown", function (ev) {
              if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(e.id, m); }
            });
          }
        });
        clusters.addLayer(m);
        bounds.push([e.lat, e.lon]);
      });
      map.addLayer(clusters);
      if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 });
      else drawLabels();
      el.dataset.ready = String(bounds.length);
    })
    .catch(function (err) {
      el.dataset.ready = "error";
      empty.textContent = "Could not load the events: " + (err && err.message ? err.message : err);
      if (window.console) console.error(err);
    });
})();
