// reload.js is the live-reload client of `generator serve`. The preview
// server adds it to every HTML page it serves; the built site never has it.
// It listens to /_preview/events, whose data is
// {"site": N, "index": M, "lines": […]}: N names the version of the site,
// M that of the search index, and lines are a failed build's problems,
// "path:line:col: message".
//
//   ready   sent on connecting while the latest build succeeded
//   reload  a build succeeded: load the page again
//   error   a build failed (or had failed on connecting): show the lines
//           over the page, which stays the last version that built
//   search  a new search index is served: the search page loads it
//
// The server builds the search index after the pages, and serves each
// index under its version, /_preview/index/M/, where it points the search
// page (data-index), so that a search page reads one index only; it
// reloads when it hears of a newer one.
//
// Browsers allow only six connections to a server across all tabs, and
// an event stream holds one for as long as it is open, so a hidden tab
// closes its stream and opens it again when shown. The first event tells
// the page which version it shows; an event about another version means
// a rebuild happened while the stream was closed, and the page reloads.
//
// The pages' Content-Security-Policy allows scripts and styles from the
// site itself only, so this is a file of its own, its look comes from
// /_preview/overlay.css, and the overlay is built with DOM calls and
// textContent: an error line quotes whatever an editor typed, and it must
// stay text.
(function () {
  "use strict";

  var HEADING = "内容有错误，页面显示的是上一次成功的版本";
  var HINT = "改正后保存，页面会自动刷新。";
  var overlay = null;
  var events = null;
  var site = null; // the version of the site this page shows, once known
  var index = indexVersion(); // on the search page, the version of the index it reads

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "/_preview/overlay.css";
  document.head.appendChild(style);

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function fill(list, lines) {
    list.textContent = "";
    lines.forEach(function (line) {
      var li = element("li");
      li.appendChild(element("code", "", String(line)));
      list.appendChild(li);
    });
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(lines) {
    // Before any build has succeeded the server sends its own page of
    // problems instead of the site; keep that page's list current.
    var own = document.getElementById("preview-problems");
    if (own) {
      fill(own, lines);
      return;
    }
    hide();
    overlay = element("div", "preview-overlay");
    var box = element("div", "preview-box");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "preview-heading");
    var close = element("button", "preview-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "关闭");
    close.addEventListener("click", hide);
    var heading = element("h2", "preview-heading", HEADING);
    heading.id = "preview-heading";
    var list = element("ul", "preview-problems");
    fill(list, lines);
    box.appendChild(close);
    box.appendChild(heading);
    box.appendChild(list);
    box.appendChild(element("p", "preview-hint", HINT));
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    close.focus();
  }

  function indexVersion() {
    var app = document.getElementById("search-app");
    var m = app && /^\/_preview\/index\/(\d+)\/$/.exec(app.getAttribute("data-index") || "");
    return m ? Number(m[1]) : null;
  }

  // state parses an event's data and reports whether it is about the
  // version this page shows, and on the search page the index it reads;
  // if it is not, the page reloads.
  function state(e) {
    var s;
    try {
      s = JSON.parse(e.data);
    } catch (_) {
      return null;
    }
    if (site === null) site = s.site;
    if (s.site === site && (index === null || s.index === index)) return s;
    location.reload();
    return null;
  }

  function connect() {
    if (events) return;
    events = new EventSource("/_preview/events");
    events.addEventListener("ready", function (e) {
      if (state(e)) hide();
      if (document.hidden) disconnect();
    });
    events.addEventListener("reload", function () {
      location.reload();
    });
    events.addEventListener("search", state);
    events.addEventListener("error", function (e) {
      // EventSource reports a lost connection as an "error" event too. That
      // one carries no data, and the browser reconnects by itself.
      if (typeof e.data !== "string") return;
      var s = state(e);
      if (s && Array.isArray(s.lines)) show(s.lines);
      if (document.hidden) disconnect();
    });
  }

  function disconnect() {
    if (events) {
      events.close();
      events = null;
    }
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect();
    else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () {
    if (!document.hidden) connect();
  });
  // Connect even in a tab opened in the background, to learn which
  // version the page shows; the first event closes the stream again.
  connect();
})();
