/*
 * share.js: one-click copying for the AI League's tables (see README.md in this folder).
 *
 * Every copy control is a plain link that works without this script: a table's
 * "Copy as Markdown" opens the .md file, a row's "#" goes to the row, "Copy embed code"
 * goes to the embed page. With the script, a click copies instead:
 *   data-copy="fetch"  the text of the linked file (the table as Markdown);
 *   data-copy="url"    the link's absolute URL (a row, a table); the page still moves
 *                      to the row, so it is highlighted;
 *   data-copy="#id"    the text of the element with that id (the embed snippet).
 * What happened is said in the page's status line (role="status"), so screen readers
 * hear it too. No inline handlers: the page's Content-Security-Policy allows none.
 */
(function () {
  "use strict";
  if (!window.fetch || !document.addEventListener) {
    return;
  }
  var clip = navigator.clipboard;
  if (!clip || !window.isSecureContext) {
    return; // the links keep working as links
  }

  var status = null;
  var timer = 0;
  function say(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
    status.classList.add("shown");
    clearTimeout(timer);
    timer = setTimeout(function () { status.classList.remove("shown"); }, 2500);
  }

  // copyFetched copies the text of a URL. Safari only lets a click write to the
  // clipboard synchronously, so the fetch goes inside a ClipboardItem where it can.
  function copyFetched(url) {
    function text() {
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.text();
      });
    }
    if (window.ClipboardItem && clip.write) {
      var blob = text().then(function (t) { return new Blob([t], { type: "text/plain" }); });
      return clip.write([new ClipboardItem({ "text/plain": blob })]).catch(function () {
        return text().then(function (t) { return clip.writeText(t); });
      });
    }
    return text().then(function (t) { return clip.writeText(t); });
  }

  document.addEventListener("click", function (ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) {
      return; // new tab, new window, download: leave them to the browser
    }
    var a = ev.target.closest ? ev.target.closest("a[data-copy]") : null;
    if (!a) {
      return;
    }
    var how = a.getAttribute("data-copy");
    var done = a.getAttribute("data-done") || "Copied";
    var job;
    if (how === "url") {
      job = clip.writeText(a.href); // absolute: the browser resolves it
    } else if (how === "fetch") {
      ev.preventDefault();
      job = copyFetched(a.href);
    } else if (how.charAt(0) === "#") {
      var el = document.getElementById(how.slice(1));
      if (!el) {
        return;
      }
      ev.preventDefault();
      job = clip.writeText(el.value !== undefined ? el.value : el.textContent);
    } else {
      return;
    }
    job.then(function () { say(done); }, function () {
      if (how === "url") {
        say("Could not copy: the link is in the address bar");
      } else {
        window.location.href = a.href; // fall back to the link itself
      }
    });
  });
})();
