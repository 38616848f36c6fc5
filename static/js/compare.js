// compare.js draws /compare/: two models side by side, from /models/<id>/model.json.
// Every text from the data goes in with textContent, never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("compare-form");
  var out = document.getElementById("compare-result");
  if (!form || !out || !window.fetch) { return; }
  var base = form.getAttribute("data-base") || "/";
  var selA = document.getElementById("compare-a");
  var selB = document.getElementById("compare-b");
  form.hidden = false;
  var all = document.getElementById("all-models");
  if (all) { all.open = false; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }
  function num(x) {
    return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : "–";
  }
  function load(id) {
    return fetch(base + "models/" + encodeURIComponent(id) + "/model.json").then(function (r) {
      if (!r.ok) { throw new Error("no data for " + id + " (HTTP " + r.status + ")"); }
      return r.json();
    });
  }
  // taken decides one shared benchmark as the league does: a draw within the larger
  // of the draw margin and 1.96·√(se_a² + se_b²), else the better score.
  function taken(ra, rb) {
    var diff = Math.abs(ra.score - rb.score);
    var thr = Math.max(ra.draw_margin || 0, 1.96 * Math.hypot(ra.stderr || 0, rb.stderr || 0));
    var scale = Math.max(1, Math.abs(ra.score), Math.abs(rb.score));
    if (diff <= thr + 1e-9 * scale) { return 0; }
    return (ra.score > rb.score) === ra.higher_is_better ? 1 : 2;
  }
  function bar(v) {
    var outer = el("span", "cmp-bar");
    var inner = el("span", "cmp-fill");
    inner.style.width = Math.max(0, Math.min(100, v)) + "%";
    outer.appendChild(inner);
    return outer;
  }
  function facts(a, b) {
    var t = el("table", "cmp-facts");
    var head = el("tr");
    head.appendChild(el("th", "", ""));
    [a, b].forEach(function (m) {
      var th = el("th");
      th.scope = "col";
      th.appendChild(link(base + "models/" + m.id + "/", m.name));
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    t.appendChild(thead);
    var body = el("tbody");
    function row(label, f) {
      var tr = el("tr");
      var th = el("th", "", label);
      th.scope = "row";
      tr.appendChild(th);
      [a, b].forEach(function (m) { tr.appendChild(el("td", "", f(m))); });
      body.appendChild(tr);
    }
    row("Club", function (m) { return m.club_name; });
    row("Parameters", function (m) { return m.params_b ? num(m.params_b) + "B" : "unknown"; });
    row("Division", function (m) { return m.division_name || "–"; });
    var tables = [];
    [a, b].forEach(function (m) {
      (m.rows || []).forEach(function (r) { if (tables.indexOf(r.table) < 0) { tables.push(r.table); } });
    });
    tables.forEach(function (id) {
      var name = id;
      function cell(m) {
        var r = (m.rows || []).filter(function (x) { return x.table === id; })[0];
        if (!r) { return "–"; }
        name = r.table_name;
        return (r.shared_rank ? "=" : "") + r.rank + ", " + r.points + " pts, " + r.won + "-" + r.drawn + "-" + r.lost + ", rating " + r.rating.toFixed(1);
      }
      var ca = cell(a), cb = cell(b);
      row(name, function (m) { return m === a ? ca : cb; });
    });
    t.appendChild(body);
    return t;
  }
  // A match is kept once, in the model.json of the pair's first model (byte order),
  // as [opponent, benchmarks it took, benchmarks the opponent took, drawn, page?]:
  // matchOf gives it from a's side, or null when the two did not meet.
  function matchOf(a, b) {
    var m = (a.matches || []).filter(function (x) { return x[0] === b.id; })[0];
    if (m) { return { for: m[1], against: m[2], drawn: m[3], h2h: m[4] }; }
    m = (b.matches || []).filter(function (x) { return x[0] === a.id; })[0];
    if (m) { return { for: m[2], against: m[1], drawn: m[3], h2h: m[4] }; }
    return null;
  }

  function draw(a, b) {
    out.textContent = "";
    var h = el("h2", "", "");
    h.appendChild(link(base + "models/" + a.id + "/", a.name));
    h.appendChild(el("span", "vs", " vs "));
    h.appendChild(link(base + "models/" + b.id + "/", b.name));
    out.appendChild(h);

    var match = matchOf(a, b);
    var p = el("p", "scoreline");
    if (match) {
      p.appendChild(el("span", "big", match.for + " – " + match.against));
      var words = match.for > match.against ? a.name + " wins the match" : match.for < match.against ? b.name + " wins the match" : "the match is drawn";
      p.appendChild(document.createTextNode((match.drawn ? " with " + match.drawn + " drawn" : "") + ": " + words + ". "));
      if (match.h2h) { p.appendChild(link(match.h2h, "Head-to-head page")); }
    } else {
      p.textContent = a.name + " and " + b.name + " have not met: they share fewer benchmarks than a match needs.";
    }
    out.appendChild(p);
    var wrap = el("div", "table-scroll");
    wrap.appendChild(facts(a, b));
    out.appendChild(wrap);

    var rb = {};
    (b.results || []).forEach(function (r) { rb[r.benchmark] = r; });
    var ra = {};
    (a.results || []).forEach(function (r) { ra[r.benchmark] = r; });
    var ids = Object.keys(ra).concat(Object.keys(rb).filter(function (k) { return !ra[k]; }));
    ids.sort(function (x, y) {
      var sx = ra[x] && rb[x] ? 0 : 1, sy = ra[y] && rb[y] ? 0 : 1;
      if (sx !== sy) { return sx - sy; }
      return x < y ? -1 : x > y ? 1 : 0;
    });
    var t = el("table", "cmp-scores");
    t.appendChild(el("caption", "", "Benchmark by benchmark (shared first; bars are normalised scores, 0 = random, 100 = maximum)"));
    var thead = el("thead");
    var hr = el("tr");
    ["Benchmark", a.name, b.name, "Taken by"].forEach(function (x, i) {
      var th = el("th", i === 1 || i === 2 ? "num" : "", x);
      th.scope = "col";
      hr.appendChild(th);
    });
    thead.appendChild(hr);
    t.appendChild(thead);
    var body = el("tbody");
    ids.forEach(function (id) {
      var x = ra[id], y = rb[id], any = x || y;
      var tr = el("tr");
      var th = el("th");
      th.scope = "row";
      th.appendChild(link(base + "benchmarks/" + id + "/", any.name));
      tr.appendChild(th);
      [x, y].forEach(function (r) {
        var td = el("td", "num");
        if (r) {
          td.appendChild(el("span", "", num(r.score)));
          td.appendChild(bar(r.normalised));
        } else {
          td.textContent = "–";
        }
        tr.appendChild(td);
      });
      var who = "not shared";
      if (x && y) {
        var w = taken(x, y);
        who = w === 1 ? a.name : w === 2 ? b.name : "draw";
        if (w === 1) { tr.children[1].className += " best"; }
        if (w === 2) { tr.children[2].className += " best"; }
      }
      tr.appendChild(el("td", "", who));
      body.appendChild(tr);
    });
    t.appendChild(body);
    var wrap2 = el("div", "table-scroll");
    wrap2.appendChild(t);
    out.appendChild(wrap2);
  }
  function show() {
    var q = new URLSearchParams(location.search);
    var a = q.get("a") || "", b = q.get("b") || "";
    if (a) { selA.value = a; }
    if (b) { selB.value = b; }
    if (!a || !b) { return; }
    if (a === b) { out.textContent = "Pick two different models."; return; }
    out.textContent = "Loading…";
    Promise.all([load(a), load(b)]).then(function (ms) { draw(ms[0], ms[1]); }, function (err) {
      out.textContent = "Cannot compare: " + err.message + ".";
    });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = "?a=" + encodeURIComponent(selA.value) + "&b=" + encodeURIComponent(selB.value);
    history.pushState(null, "", q);
    show();
  });
  window.addEventListener("popstate", show);
  show();
}());
