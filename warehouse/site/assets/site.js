/* The report site's charts, drawn by Plotly (assets/plotly.min.js, copied from the plotly package) from
   the JSON blocks on each page. No network: everything is read from the page or from files beside it. */
(function () {
  "use strict";
  var CONFIG = {displaylogo: false, responsive: true};

  function json(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Plotly reads a few HTML tags in its labels: a label from an article must show as text
  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function timeline(element) {
    var data = json("timeline-data"), links = json("timeline-links") || {};
    var form = document.getElementById("timeline-filters"), count = document.getElementById("timeline-count");
    var layout = {barmode: "stack", height: 360, margin: {l: 50, r: 10, t: 10, b: 40}, hovermode: "x",
                  legend: {orientation: "h"}, yaxis: {title: {text: "events"}}, xaxis: {type: "date"}};
    function chosen(name) {
      var field = form.elements[name];
      return field && field.value !== "" ? field.value : null;
    }
    function passes(group, filters) {
      var month = data.months[group[0]];
      return (filters.kind === null || group[1] === +filters.kind) &&
             (filters.actor === null || group[2].indexOf(+filters.actor) >= 0) &&
             (filters.country === null || group[3].indexOf(+filters.country) >= 0) &&
             (filters.from === null || month >= filters.from) && (filters.to === null || month <= filters.to);
    }
    function draw() {
      var filters = {kind: chosen("kind"), actor: chosen("actor"), country: chosen("country"),
                     from: chosen("from"), to: chosen("to")};
      var series = data.kinds.map(function () { return data.months.map(function () { return 0; }); });
      var total = 0;
      data.groups.forEach(function (group) {
        if (passes(group, filters)) {
          series[group[1]][group[0]] += group[4];
          total += group[4];
        }
      });
      var traces = [];
      data.kinds.forEach(function (kind, i) {
        if (series[i].some(function (n) { return n > 0; })) {
          traces.push({type: "bar", name: escape(kind), x: data.months, y: series[i]});
        }
      });
      count.textContent = total + (total === 1 ? " dated event matches." : " dated events match.");
      element.dataset.events = String(total);
      var view = filters.from || filters.to ? [filters.from || data.months[0], filters.to || data.months[data.months.length - 1]]
                                            : data.view;
      layout.xaxis = {type: "date", range: view.length ? [view[0] + "-01", view[1] + "-28"] : undefined,
                      autorange: !view.length};
      return Plotly.react(element, traces, layout, CONFIG);
    }
    form.addEventListener("change", draw);
    form.addEventListener("reset", function () { setTimeout(draw, 0); });
    draw().then(function () {
      element.on("plotly_click", function (event) {
        var month = String(event.points[0].x).slice(0, 7);
        if (links[month]) { window.location.href = links[month]; }
      });
      element.dataset.drawn = "true";
    });
  }

  function network(element) {
    var figure = json("network-data");
    Plotly.newPlot(element, figure.data, figure.layout, CONFIG).then(function () {
      element.on("plotly_click", function (event) {
        var point = event.points[0];
        if (point && point.customdata) { window.location.href = point.customdata; }
      });
      element.dataset.drawn = "true";
    });
  }

  function figure(element) {
    var spec = json(element.dataset.source);
    Plotly.newPlot(element, spec.data, spec.layout, CONFIG).then(function () { element.dataset.drawn = "true"; });
  }

  var charts = {timeline: timeline, network: network, figure: figure};
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    charts[element.dataset.chart](element);
  });
}());
