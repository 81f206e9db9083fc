// Remembers the display switches (大字, 高对比) between pages. The
// switches themselves work without this script: the stylesheet reacts to
// the checkboxes with :has(). Storage may be unavailable (private mode,
// some file:// setups); then each page simply starts with the defaults.
(function () {
  "use strict";
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
})();

// Warms the search: when the header's search box gets the focus, or the
// page is idle, the browser fetches the search engine and the index's
// manifest (the form's data-warm), so that the search page opens with
// them in its cache. A hint only: nothing waits for it, and under file://
// it costs nothing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-warm]");
  if (!form) return;
  var warmed = false;
  function warm() {
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
  form.addEventListener("focusin", warm);
  if (window.requestIdleCallback) window.requestIdleCallback(warm, { timeout: 4000 });
  else window.setTimeout(warm, 2000);
})();

// Offline use (issue 13): registers the service worker named by this
// script's data-sw (sw.js at the site root; absent without it, and in the
// preview), over http(s) only. When a newer build's worker waits, a notice
// with a button moves every open page to it at once (they reload).
(function () {
  var me = document.currentScript, sw = navigator.serviceWorker, had = sw && sw.controller;
  if (!me || !me.dataset.sw || !sw || !/^http/.test(location.protocol)) return;
  sw.oncontrollerchange = function () {
    if (had) location.reload();
  };
  sw.register(me.dataset.sw).then(function (r) {
    function offer() {
      var w = r.waiting;
      if (w && had && !document.getElementById("sw-update")) {
        document.getElementById("main").insertAdjacentHTML("beforebegin", '<p id="sw-update" class="wrap" role="status">本清单有新版本。<button type="button">刷新</button></p>');
        document.querySelector("#sw-update button").onclick = function () {
          w.postMessage("activate");
        };
      }
    }
    offer();
    r.onupdatefound = function () {
      r.installing.onstatechange = offer;
    };
  }, function () {});
})();
