// tradegraph's graph viewer: draws Graphviz's layout on a canvas, pans,
// zooms, searches and shows a node's attributes and evidence. Every text of
// the graph reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var canvas = document.getElementById("view");
  var ctx = canvas.getContext("2d");
  var info = document.getElementById("info");
  var search = document.getElementById("search");
  var matchesEl = document.getElementById("matches");
  var view = { x: 0, y: 0, k: 1 }; // screen = layout * k + (x, y)
  var selected = -1;
  var matches = [];
  var matchIndex = 0;
  var ratio = window.devicePixelRatio || 1;

  document.getElementById("title").textContent = data.title;
  document.getElementById("counts").textContent =
    data.nodes.length + " nodes, " + data.edges.length + " edges";
  var legend = document.getElementById("legend");
  data.legend.forEach(function (l) {
    var s = document.createElement("span");
    s.textContent = l.type;
    s.style.setProperty("--fill", l.fill);
    legend.appendChild(s);
  });

  var neighbours = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, i) {
    neighbours[e.s].push({ edge: i, node: e.t, out: true });
    neighbours[e.t].push({ edge: i, node: e.s, out: false });
  });

  function resize() {
    ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    canvas.height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    draw();
  }

  function fit() {
    var w = canvas.clientWidth, h = canvas.clientHeight, pad = 20;
    var k = Math.min((w - 2 * pad) / Math.max(data.width, 1), (h - 2 * pad) / Math.max(data.height, 1));
    view.k = Math.max(Math.min(k, 2), 0.02);
    view.x = (w - data.width * view.k) / 2;
    view.y = (h - data.height * view.k) / 2;
    draw();
  }

  function run(ops) {
    var pen = "#000000", fill = "transparent", size = 14;
    ctx.lineWidth = 1.2;
    ctx.setLineDash([]);
    ops.forEach(function (o) {
      var p = o.p || [];
      switch (o.o) {
        case "c": pen = o.c; break;
        case "C": fill = o.c; break;
        case "F": size = o.f; break;
        case "S":
          if (o.s === "dashed") ctx.setLineDash([6, 4]);
          else if (o.s === "dotted") ctx.setLineDash([1.5, 3]);
          else if (o.s === "solid") ctx.setLineDash([]);
          else if (o.s === "bold") ctx.lineWidth = 2.4;
          break;
        case "E": case "e":
          ctx.beginPath();
          ctx.ellipse(p[0], p[1], Math.abs(p[2]), Math.abs(p[3]), 0, 0, 2 * Math.PI);
          paint(o.o === "E", pen, fill);
          break;
        case "P": case "p": case "L":
          ctx.beginPath();
          ctx.moveTo(p[0], p[1]);
          for (var i = 2; i < p.length; i += 2) ctx.lineTo(p[i], p[i + 1]);
          if (o.o !== "L") ctx.closePath();
          paint(o.o === "P", pen, fill);
          break;
        case "B": case "b":
          ctx.beginPath();
          ctx.moveTo(p[0], p[1]);
          for (var j = 2; j + 5 < p.length; j += 6) ctx.bezierCurveTo(p[j], p[j + 1], p[j + 2], p[j + 3], p[j + 4], p[j + 5]);
          paint(o.o === "b", pen, fill);
          break;
        case "T":
          if (size * view.k < 3.5) break; // too small to read: skip
          ctx.font = size + "px Helvetica, Arial, sans-serif";
          ctx.textAlign = o.a === "l" ? "left" : o.a === "r" ? "right" : "center";
          ctx.fillStyle = pen;
          ctx.fillText(o.t, p[0], p[1], o.w > 0 ? o.w * 1.05 : undefined);
          break;
      }
    });
  }

  function paint(filled, pen, fill) {
    if (filled) { ctx.fillStyle = fill; ctx.fill(); }
    ctx.strokeStyle = pen;
    ctx.stroke();
  }

  function outline(i, colour, width) {
    var b = data.nodes[i].box;
    ctx.save();
    ctx.setLineDash([]);
    ctx.lineWidth = width / view.k;
    ctx.strokeStyle = colour;
    ctx.strokeRect(b[0] - b[2] / 2 - 4 / view.k, b[1] - b[3] / 2 - 4 / view.k, b[2] + 8 / view.k, b[3] + 8 / view.k);
    ctx.restore();
  }

  function draw() {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio * view.k, 0, 0, ratio * view.k, ratio * view.x, ratio * view.y);
    data.edges.forEach(function (e) { run(e.ops); });
    data.nodes.forEach(function (n) { run(n.ops); });
    matches.forEach(function (i) { outline(i, "#f0a000", 3); });
    if (selected >= 0) outline(selected, "#d62728", 3);
  }

  function toLayout(sx, sy) {
    return [(sx - view.x) / view.k, (sy - view.y) / view.k];
  }

  function nodeAt(sx, sy) {
    var p = toLayout(sx, sy);
    for (var i = data.nodes.length - 1; i >= 0; i--) {
      var b = data.nodes[i].box;
      if (Math.abs(p[0] - b[0]) <= b[2] / 2 && Math.abs(p[1] - b[1]) <= b[3] / 2) return i;
    }
    return -1;
  }

  function centreOn(i) {
    var b = data.nodes[i].box;
    if (view.k < 0.8) view.k = 1;
    view.x = canvas.clientWidth / 2 - b[0] * view.k;
    view.y = canvas.clientHeight / 2 - b[1] * view.k;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // select shows node i's panel (none for -1), and centres on it when asked:
  // the panel narrows the canvas, so the canvas is sized again first.
  function select(i, centre) {
    selected = i;
    info.replaceChildren();
    if (i < 0) {
      info.hidden = true;
      resize();
      return;
    }
    var n = data.nodes[i];
    var close = el("button", "Close", "close");
    close.type = "button";
    close.addEventListener("click", function () { select(-1); });
    info.appendChild(close);
    info.appendChild(el("h2", n.label));
    info.appendChild(el("p", n.type || "untyped", "type"));
    var dl = el("dl");
    var evidence = "";
    dl.appendChild(el("dt", "id"));
    dl.appendChild(el("dd", n.id));
    data.attrs.forEach(function (name, j) {
      var v = n.values[j];
      if (!v || name === "type" || name === "label") return;
      if (name === "evidence") { evidence = v; return; }
      dl.appendChild(el("dt", name));
      dl.appendChild(el("dd", v));
    });
    info.appendChild(dl);
    if (evidence) {
      info.appendChild(el("h3", "Evidence"));
      evidence.split("\n").forEach(function (s) { info.appendChild(el("blockquote", s)); });
    }
    if (neighbours[i].length) {
      info.appendChild(el("h3", "Edges"));
      var ul = el("ul");
      neighbours[i].forEach(function (nb) {
        var li = el("li");
        var rel = data.edges[nb.edge].label;
        li.appendChild(document.createTextNode(nb.out ? rel + " \u2192 " : "\u2190 " + rel + " "));
        var b = el("button", data.nodes[nb.node].label, "link");
        b.type = "button";
        b.addEventListener("click", function () { select(nb.node, true); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      info.appendChild(ul);
    }
    info.hidden = false;
    resize();
    if (centre) {
      centreOn(i);
      draw();
    }
  }

  function find(q) {
    q = q.trim().toLowerCase();
    matches = [];
    matchIndex = 0;
    if (q) {
      data.nodes.forEach(function (n, i) {
        var hay = (n.label + "\n" + n.id + "\n" + (n.values[data.attrs.indexOf("aliases")] || "")).toLowerCase();
        if (hay.indexOf(q) >= 0) matches.push(i);
      });
    }
    matchesEl.textContent = q ? matches.length + (matches.length === 1 ? " match" : " matches") : "";
    if (matches.length) centreOn(matches[0]);
    draw();
  }

  search.addEventListener("input", function () { find(search.value); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && matches.length) {
      var i = matches[matchIndex % matches.length];
      matchIndex++;
      select(i, true);
    }
  });
  document.getElementById("fit").addEventListener("click", fit);

  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add("dragging"); }
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; draw(); }
  });
  canvas.addEventListener("pointerup", function (ev) {
    if (drag && !drag.moved) {
      var r = canvas.getBoundingClientRect();
      select(nodeAt(ev.clientX - r.left, ev.clientY - r.top));
    }
    drag = null;
    canvas.classList.remove("dragging");
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect();
    var sx = ev.clientX - r.left, sy = ev.clientY - r.top;
    var p = toLayout(sx, sy);
    var k = Math.min(Math.max(view.k * Math.exp(-ev.deltaY * 0.0015), 0.02), 8);
    view.k = k;
    view.x = sx - p[0] * k;
    view.y = sy - p[1] * k;
    draw();
  }, { passive: false });
  window.addEventListener("resize", resize);

  resize();
  fit();
  // #node=ID opens the page on that node.
  var m = /^#node=(.+)$/.exec(location.hash);
  if (m) {
    var id = decodeURIComponent(m[1]);
    for (var i = 0; i < data.nodes.length; i++) {
      if (data.nodes[i].id === id) { select(i, true); break; }
    }
  }
})();
