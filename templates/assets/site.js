// The script of every page. The search page does not load it: its
// script, search.js, begins with this code (package site, addAssets).
//
// Other pages defer it; the search page's script is async (it runs
// before the first paint), so it may run before the page is parsed:
// then what follows waits for the page (ready).
(function () {
  var me = document.currentScript;
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  ready(function () {
    modes();
    warm();
    offline(me);
  });

  // Remembers the display switches (大字, 高对比) between pages. The
  // switches themselves work without this script: the stylesheet reacts to
  // the checkboxes with :has(). Storage may be unavailable (private mode,
  // some file:// setups); then each page simply starts with the defaults.
  function modes() {
    var key = "jz-mode-";
    var boxes = document.querySelectorAll("input.mode[data-mode]");
    for (var i = 0; i < boxes.length; i++) {
      (function (box) {
        var name = key + box.getAttribute("data-mode");
        try {
          if (localStorage.getItem(name) === "1") box.checked = true;
        } catch (e) {}
        box.addEventListener("change", function () {
          try {
            if (box.checked) localStorage.setItem(name, "1");
            else localStorage.removeItem(name);
          } catch (e) {}
        });
      })(boxes[i]);
    }
  }

  // Warms the search: when the header's search box gets the focus, or the
  // page is idle, the browser fetches the search engine and the index's
  // manifest (the form's data-warm), so that the search page opens with
  // them in its cache. A hint only: nothing waits for it, and under file://
  // it costs nothing.
  function warm() {
    var form = document.querySelector("form[data-warm]");
    if (!form) return;
    var warmed = false;
    function fetchBoth() {
      if (warmed) return;
      warmed = true;
      var urls = form.getAttribute("data-warm").split(" ");
      for (var i = 0; i < urls.length; i++) {
        var link = document.createElement("link");
        link.rel = "prefetch";
        link.as = "script";
        link.href = urls[i];
        document.head.appendChild(link);
      }
    }
    form.addEventListener("focusin", fetchBoth);
    if (window.requestIdleCallback) window.requestIdleCallback(fetchBoth, { timeout: 4000 });
    else window.setTimeout(fetchBoth, 2000);
  }

  // Offline use (issue 13): registers the service worker, sw.js at the
  // site root (this script is in assets/), when the script tag carries
  // data-sw (a build without -no-offline; never the preview), over http(s)
  // only. When the reader moves to a newer build (offline.js), every open
  // page reloads into it at once. me is the script element.
  function offline(me) {
    var sw = navigator.serviceWorker, had = sw && sw.controller;
    if (!sw || !me.hasAttribute("data-sw") || !/^http/.test(location.protocol)) return;
    sw.oncontrollerchange = function () {
      if (had) location.reload();
    };
    // Registered once the page, and on the search page its first search,
    // are done: on a slow phone the worker's install would otherwise share
    // the network with them (README, Speed on a phone).
    var url = new URL("../sw.js", me.src), done = false, res = document.getElementById("search-results");
    function register() {
      if (!done) sw.register(url).catch(Boolean);
      done = true;
    }
    // (a deferred or async script runs before the load event)
    window.addEventListener("load", function () {
      if (!res || res.getAttribute("data-search-state") === "done") return register();
      new MutationObserver(function () {
        if (res.getAttribute("data-search-state") === "done") register();
      }).observe(res, { attributes: true });
      setTimeout(register, 8000);
    });
  }
})();
