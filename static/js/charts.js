/*
 * charts.js: the AI League's glue around ECharts (see README.md in this folder).
 *
 * Load it after echarts.common.min.js. It
 *   - registers the ECharts theme "league" (light or dark, from the page's
 *     data-theme="light|dark" on <html> if set, else prefers-color-scheme);
 *   - draws every chart: each is a JSON data block
 *     <script type="application/json" data-chart="ID"> holding the ECharts option,
 *     drawn into the element with that id once the page is parsed. Pages run no
 *     inline script, so their Content-Security-Policy can say script-src 'self';
 *   - gives chart containers (class "chart") a default size, overridable by the
 *     site's stylesheet, and the height in their data-chart-h;
 *   - keeps the charts (also those registered through AILeagueCharts.track),
 *     resizes them with the window, and redraws them in the other theme when the
 *     colour scheme changes.
 * Styles are set through the CSSOM only (a constructed stylesheet, element.style),
 * which a policy of style-src 'self' allows. A page without charts, or without
 * ECharts, is left alone.
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || typeof window.echarts === "undefined") {
    return;
  }
  var echarts = window.echarts;
  var THEME = "league";
  // Same as chart.CSS in internal/chart.
  var CSS = ":where(.chart){width:100%;height:var(--chart-h,360px)}" +
    "@media (max-width:600px){:where(.chart){height:calc(var(--chart-h,360px)*0.8)}}";

  var COLORS = {
    light: {
      fg: "#1f2328", muted: "#59636e", line: "rgba(31,35,40,0.35)",
      grid: "rgba(31,35,40,0.12)", bg: "#ffffff",
      palette: ["#5470c6", "#3ba272", "#e0a000", "#d9534f", "#3a9fc4",
        "#9a60b4", "#fc8452", "#2f4554", "#ea7ccc"]
    },
    dark: {
      fg: "#e6edf3", muted: "#9198a1", line: "rgba(230,237,243,0.4)",
      grid: "rgba(230,237,243,0.14)", bg: "#1c2128",
      palette: ["#7b9ce1", "#6fd19e", "#f5c451", "#f28b8b", "#7fd0ee",
        "#c39be0", "#fda274", "#b7c4cf", "#f19bd8"]
    }
  };

  function axis(c) {
    return {
      axisLine: { lineStyle: { color: c.line } },
      axisTick: { lineStyle: { color: c.line } },
      axisLabel: { color: c.muted },
      splitLine: { lineStyle: { color: c.grid } },
      nameTextStyle: { color: c.muted }
    };
  }

  function theme(dark) {
    var c = dark ? COLORS.dark : COLORS.light;
    var label = { label: { color: c.fg } };
    return {
      color: c.palette,
      backgroundColor: "transparent",
      textStyle: { color: c.fg },
      title: { textStyle: { color: c.fg }, subtextStyle: { color: c.muted } },
      legend: {
        textStyle: { color: c.fg },
        pageTextStyle: { color: c.muted },
        pageIconColor: c.fg,
        pageIconInactiveColor: c.grid
      },
      tooltip: {
        backgroundColor: c.bg,
        borderColor: c.grid,
        textStyle: { color: c.fg }
      },
      categoryAxis: axis(c),
      valueAxis: axis(c),
      logAxis: axis(c),
      timeAxis: axis(c),
      bar: label,
      line: label,
      scatter: label
    };
  }

  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function isDark() {
    var forced = document.documentElement.getAttribute("data-theme");
    if (forced === "dark") {
      return true;
    }
    if (forced === "light") {
      return false;
    }
    return !!(media && media.matches);
  }

  var dark = isDark();
  echarts.registerTheme(THEME, theme(dark));

  // Default size, as a constructed stylesheet: no <style> element, which a strict
  // Content-Security-Policy would refuse. :where() keeps the site's own rules first.
  if (document.adoptedStyleSheets && typeof CSSStyleSheet === "function") {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      document.adoptedStyleSheets = [sheet].concat(Array.prototype.slice.call(document.adoptedStyleSheets));
    } catch (e) {
      // An older browser: the site's stylesheet sizes the charts.
    }
  }

  var tracked = []; // {inst, option: JSON text}

  // fitLabels gives the names on a vertical category axis at most about two fifths of
  // the chart's width, cut with an ellipsis, so that on a phone the bars keep their
  // room; the full names are in the tooltip and in the table below every chart.
  function fitLabels(option, el) {
    var axes = option.yAxis;
    if (!axes) {
      return option;
    }
    var width = Math.max(64, Math.floor((el.clientWidth || 600) * 0.4));
    (Array.isArray(axes) ? axes : [axes]).forEach(function (a) {
      if (a && a.type === "category") {
        a.axisLabel = a.axisLabel || {};
        a.axisLabel.width = width;
        a.axisLabel.overflow = "truncate";
      }
    });
    return option;
  }

  // track keeps a chart so it follows resizes and theme changes. The option is
  // kept as JSON: ECharts may change the object it is given.
  function track(inst, option) {
    tracked.push({ inst: inst, option: JSON.stringify(option) });
  }

  // applyTheme redraws every chart when the colour scheme changed. ECharts 5 cannot
  // change the theme of a live chart, so each is disposed and drawn again.
  function applyTheme() {
    var d = isDark();
    if (d === dark) {
      return;
    }
    dark = d;
    echarts.registerTheme(THEME, theme(d));
    tracked.forEach(function (c) {
      var el = c.inst.getDom();
      if (!c.inst.isDisposed()) {
        c.inst.dispose();
      }
      c.inst = echarts.init(el, THEME, { renderer: "canvas" });
      c.inst.setOption(fitLabels(JSON.parse(c.option), el));
    });
  }

  var pending = false;
  function resize() {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      tracked.forEach(function (c) {
        if (!c.inst.isDisposed()) {
          c.inst.setOption(fitLabels(JSON.parse(c.option), c.inst.getDom()));
          c.inst.resize();
        }
      });
    });
  }

  // drawAll draws each chart's data block into its element, once.
  function drawAll() {
    var blocks = document.querySelectorAll('script[type="application/json"][data-chart]');
    Array.prototype.forEach.call(blocks, function (block) {
      var el = document.getElementById(block.getAttribute("data-chart"));
      if (!el || echarts.getInstanceByDom(el)) {
        return;
      }
      var h = el.getAttribute("data-chart-h");
      if (h) {
        el.style.setProperty("--chart-h", h + "px");
      }
      var option;
      try {
        option = JSON.parse(block.textContent);
      } catch (e) {
        console.error("charts.js: chart " + el.id + ": " + e);
        return;
      }
      var inst = echarts.init(el, THEME, { renderer: "canvas" });
      track(inst, option);
      inst.setOption(fitLabels(option, el));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }

  window.addEventListener("resize", resize);
  if (media) {
    if (media.addEventListener) {
      media.addEventListener("change", applyTheme);
    } else if (media.addListener) {
      media.addListener(applyTheme);
    }
  }
  if (window.MutationObserver) {
    new MutationObserver(applyTheme).observe(document.documentElement,
      { attributes: true, attributeFilter: ["data-theme"] });
  }

  window.AILeagueCharts = { track: track, applyTheme: applyTheme, resize: resize, drawAll: drawAll };
})();
