/* The events' map (Leaflet over Natural Earth outlines, no tiles) and their timeline. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var mapNode = document.getElementById("event-map");
  var map = L.map(mapNode, { worldCopyJump: true, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet | Natural Earth");
  map.setView([48, 20], 3);

  fetch(mapNode.dataset.world)
    .then(function (response) { return response.json(); })
    .then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      countries.features.forEach(function (feature) {
        feature.geometry = withoutDatelineRings(feature.geometry);
      });
      L.geoJSON(countries, {
        style: { color: "#7f8c8d", weight: 0.6, fillColor: "#f7f4ee", fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
    });

  // A ring that crosses the 180th meridian would be drawn as a band across the map.
  function crossesDateline(ring) {
    for (var i = 1; i < ring.length; i++) {
      if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { return true; }
    }
    return false;
  }
  function withoutDatelineRings(geometry) {
    if (!geometry) { return geometry; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var kept = polygons.filter(function (polygon) { return !crossesDateline(polygon[0]); });
    return { type: "MultiPolygon", coordinates: kept };
  }

  // One pin a place: its events are listed in a popup when there are several.
  var byPlace = {};
  data.pins.forEach(function (pin) {
    var key = pin.lat + "," + pin.lon;
    (byPlace[key] = byPlace[key] || []).push(pin);
  });
  var pins = Object.keys(byPlace).map(function (key) {
    var events = byPlace[key];
    var first = events[0];
    var link = document.createElement("a");
    link.className = "event-pin" + (events.length > 1 ? " event-pin-many" : "");
    link.dataset.count = events.length;
    link.dataset.place = first.place;
    if (events.length === 1) {
      link.href = first.url;
      link.dataset.eventId = first.id;
      link.title = first.title + " — " + first.place + (first.date ? ", " + first.date : "");
    } else {
      link.href = "#";
      link.title = events.length + " events at " + first.place;
      link.textContent = events.length;
    }
    var size = events.length > 1 ? 20 : 12;
    var icon = L.divIcon({ html: link.outerHTML, className: "", iconSize: [size, size] });
    var marker = L.marker([first.lat, first.lon], { icon: icon, title: link.title, keyboard: false });
    if (events.length > 1) {
      var list = document.createElement("ul");
      list.className = "event-pin-list";
      events.forEach(function (pin) {
        var item = document.createElement("li");
        var eventLink = document.createElement("a");
        eventLink.className = "event-link";
        eventLink.href = pin.url;
        eventLink.dataset.eventId = pin.id;
        eventLink.textContent = (pin.date ? pin.date + " " : "") + pin.title;
        item.appendChild(eventLink);
        list.appendChild(item);
      });
      var heading = document.createElement("strong");
      heading.textContent = first.place;
      marker.bindPopup(heading.outerHTML + list.outerHTML);
    }
    return marker;
  });
  var group = L.featureGroup(pins).addTo(map);
  if (pins.length) {
    map.fitBounds(group.getBounds().pad(0.3), { maxZoom: 7 });
  }

  var palette = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#d35400", "#16a085",
                 "#2c3e50", "#f39c12", "#7f8c8d", "#e84393", "#6c5ce7", "#00b894"];
  var families = Object.keys(data.timeline.families);
  var colours = {};
  families.forEach(function (family, i) { colours[family] = palette[i % palette.length]; });
  var days = data.timeline.days;
  var highest = 1;
  days.forEach(function (_day, i) {
    var total = 0;
    families.forEach(function (family) { total += data.timeline.families[family][i]; });
    highest = Math.max(highest, total);
  });
  var chart = document.getElementById("event-timeline");
  days.forEach(function (day, i) {
    var column = document.createElement("div");
    column.className = "timeline-day";
    column.title = day;
    families.forEach(function (family) {
      var count = data.timeline.families[family][i];
      if (!count) { return; }
      var bar = document.createElement("div");
      bar.className = "timeline-bar";
      bar.dataset.count = count;
      bar.dataset.family = family;
      bar.title = day + ": " + count + " " + family;
      bar.style.height = (100 * count / highest) + "%";
      bar.style.background = colours[family];
      column.appendChild(bar);
    });
    chart.appendChild(column);
  });
  var legend = document.getElementById("timeline-legend");
  if (days.length) {
    legend.appendChild(document.createTextNode(
      days.length + " day" + (days.length > 1 ? "s" : "") + " with events, " +
      days[0] + " to " + days[days.length - 1] + ": "));
  }
  families.forEach(function (family) {
    var item = document.createElement("span");
    var swatch = document.createElement("i");
    swatch.style.background = colours[family];
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(family));
    legend.appendChild(item);
  });
})();
