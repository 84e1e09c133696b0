// The HTML report's one script. The page works without it (the drawing is
// scaled to the page); with it the drawing gains a search box, zoom and pan,
// and a click on a department highlights its strongest chain to the
// customer, the departments that depend on it (it is their single point of
// failure) and those it depends on, dimming the rest. A second click clears.
(function () {
  "use strict";
  // Print the folded lists of names open, as a reader would want on paper.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { opened.forEach(function (d) { d.open = false; }); });

  var svg = document.querySelector("svg.chain.interactive");
  if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
  var figure = svg.parentNode;
  var all = function (sel) { return Array.prototype.slice.call(svg.querySelectorAll(sel)); };
  var nodes = all("g.node"), edges = all("path.edge"), labels = all("g.edge-label");
  var byN = {};
  nodes.forEach(function (g) { byN[g.getAttribute("data-n")] = g; });
  var list = function (g, name) {
    var v = g.getAttribute("data-" + name);
    return v ? v.split(" ").filter(function (n) { return byN[n]; }) : [];
  };
  var MARKS = ["selected", "chain", "behind", "depends", "dim", "found"];

  var bar = document.createElement("div");
  bar.className = "toolbar";
  bar.innerHTML =
    '<input type="search" placeholder="Find a department" aria-label="Find a department">' +
    ' <button type="button" data-zoom="in" title="Zoom in">+</button>' +
    '<button type="button" data-zoom="out" title="Zoom out">\u2212</button>' +
    '<button type="button" data-zoom="fit" title="Show the whole drawing">Fit</button>' +
    ' <span class="status" aria-live="polite">Click a department to see its chain and who depends on it; drag to pan, Ctrl+wheel to zoom.</span>';
  figure.insertBefore(bar, svg);
  var input = bar.querySelector("input"), status = bar.querySelector(".status");
  var hint = status.textContent;
  var selected = null;

  function clear() {
    nodes.forEach(function (g) { MARKS.forEach(function (m) { g.classList.remove(m); }); });
    edges.concat(labels).forEach(function (e) { e.classList.remove("chain"); e.classList.remove("dim"); });
    selected = null;
    status.textContent = hint;
  }

  function name(g) { return g.getAttribute("data-name"); }

  function select(g) {
    var again = selected === g;
    clear();
    if (again) return;
    selected = g;
    var chain = list(g, "chain"), behind = list(g, "behind"), depends = list(g, "depends");
    var on = {};
    var mark = function (ns, cls) { ns.forEach(function (n) { on[n] = true; byN[n].classList.add(cls); }); };
    mark(chain, "chain");
    mark(behind, "behind");
    mark(depends, "depends");
    on[g.getAttribute("data-n")] = true;
    g.classList.add("selected");
    nodes.forEach(function (m) { if (!on[m.getAttribute("data-n")]) m.classList.add("dim"); });
    var steps = {};
    for (var i = 0; i + 1 < chain.length; i++) steps[chain[i] + ">" + chain[i + 1]] = true;
    var dimmed = {};
    edges.forEach(function (e) {
      var from = e.getAttribute("data-from"), to = e.getAttribute("data-to");
      if (steps[from + ">" + to]) e.classList.add("chain");
      else if (!(on[from] && on[to])) { e.classList.add("dim"); dimmed[e.getAttribute("data-edge")] = true; }
    });
    labels.forEach(function (l) { if (dimmed[l.getAttribute("data-edge")]) l.classList.add("dim"); });
    var said = [name(g) + ":"];
    said.push(chain.length > 1 ? "strongest chain " + chain.map(function (n) { return name(byN[n]); }).join(" \u2192 ") + " (blue);" : "no chain to a customer;");
    said.push(behind.length + (behind.length === 1 ? " department depends" : " departments depend") + " on it (purple, dashed);");
    said.push("it depends on " + depends.length + (depends.length ? " (orange)." : "."));
    status.textContent = said.join(" ");
  }

  function find(q) {
    clear();
    q = q.trim().toLowerCase();
    if (!q) return [];
    var found = nodes.filter(function (g) {
      return name(g).toLowerCase().indexOf(q) >= 0 || g.getAttribute("data-id").toLowerCase() === q;
    });
    nodes.forEach(function (g) { g.classList.add(found.indexOf(g) >= 0 ? "found" : "dim"); });
    status.textContent = found.length === 0 ? "No department matches." :
      found.length + " found: " + found.slice(0, 5).map(name).join(", ") + (found.length > 5 ? ", \u2026" : "") +
      " (Enter selects the first)";
    return found;
  }
  input.addEventListener("input", function () { find(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    var found = find(input.value);
    if (found.length) { select(found[0]); show(found[0]); }
  });

  // Zoom and pan move the viewBox; its proportions stay those of the whole.
  var full = { x: 0, y: 0, w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height };
  var view = { x: 0, y: 0, w: full.w, h: full.h };
  function apply() {
    view.w = Math.min(full.w, Math.max(full.w / 12, view.w));
    view.h = view.w * full.h / full.w;
    view.x = Math.min(full.w - view.w, Math.max(0, view.x));
    view.y = Math.min(full.h - view.h, Math.max(0, view.y));
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(1); }).join(" "));
    svg.classList.toggle("zoomed", view.w < full.w);
  }
  function zoom(factor, cx, cy) {
    var w = view.w / factor;
    view.x = cx - (cx - view.x) * w / view.w;
    view.y = cy - (cy - view.y) * w / view.w;
    view.w = w;
    apply();
  }
  function point(ev) {
    var box = svg.getBoundingClientRect();
    return { x: view.x + (ev.clientX - box.left) * view.w / box.width, y: view.y + (ev.clientY - box.top) * view.h / box.height };
  }
  function show(g) {
    var r = g.querySelector("rect");
    if (view.w < full.w) {
      view.x = +r.getAttribute("x") - view.w / 2;
      view.y = +r.getAttribute("y") - view.h / 2;
      apply();
    }
    svg.scrollIntoView({ block: "nearest" });
  }
  bar.addEventListener("click", function (ev) {
    var how = ev.target.getAttribute && ev.target.getAttribute("data-zoom");
    if (how === "in") zoom(1.5, view.x + view.w / 2, view.y + view.h / 2);
    if (how === "out") zoom(1 / 1.5, view.x + view.w / 2, view.y + view.h / 2);
    if (how === "fit") { view = { x: 0, y: 0, w: full.w, h: full.h }; apply(); }
  });
  svg.addEventListener("wheel", function (ev) {
    if (!ev.ctrlKey && !ev.metaKey) return;
    ev.preventDefault();
    var p = point(ev);
    zoom(ev.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });
  svg.addEventListener("dblclick", function (ev) { var p = point(ev); zoom(2, p.x, p.y); });
  var drag = null, dragged = false;
  svg.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    dragged = false;
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
    dragged = true;
    var k = view.w / svg.getBoundingClientRect().width;
    view.x = drag.vx - dx * k;
    view.y = drag.vy - dy * k;
    apply();
  });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("click", function (ev) {
    if (dragged) { dragged = false; return; }
    var g = ev.target.closest ? ev.target.closest("g.node") : null;
    if (g) select(g);
    else if (selected) clear();
  });
  svg.addEventListener("keydown", function (ev) {
    var g = ev.target.closest ? ev.target.closest("g.node") : null;
    if (g && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); select(g); }
  });
})();
