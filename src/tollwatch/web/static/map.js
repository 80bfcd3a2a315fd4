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
  }).catch(function () { /* the map still works without outlines */ });

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
        var name = label(e.outcome) + ", " + label(e.category) + ": " +
          (e.best === null ? "unknown" : e.best) + (e.place ? " in " + e.place : "") +
          (e.date ? ", " + e.date : "");
        var icon = L.divIcon({
          className: "tw-marker " + e.outcome,
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
      el.dataset.ready = String(bounds.length);
    })
    .catch(function (err) {
      el.dataset.ready = "error";
      empty.textContent = "Could not load the events: " + (err && err.message ? err.message : err);
      if (window.console) console.error(err);
    });
})();
