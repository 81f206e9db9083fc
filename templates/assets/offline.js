// Offline use (issue 13), on every page of a site with a service worker
// (sw.js, which site.js registers) but the search page, whose budget is
// tight: there the worker keeps the old build until another page moves.
(function () {
  "use strict";
  var sw = navigator.serviceWorker, shown = false;
  if (!sw || !/^https?:$/.test(location.protocol)) return;
  // A newer build's worker waits (it has fetched the new build whole):
  // a notice with a button lets the reader move to it; site.js then
  // reloads every open page.
  if (sw.controller) {
    sw.ready.then(function (r) {
      function offer() {
        var w = r.waiting;
        if (!w || shown) return;
        shown = true;
        var p = document.createElement("p"), b = document.createElement("button");
        p.className = "wrap";
        p.setAttribute("role", "status");
        b.type = "button";
        b.id = "sw-update";
        b.textContent = "刷新";
        b.addEventListener("click", function () {
          w.postMessage("activate");
        });
        document.body.insertBefore(p, document.getElementById("main"));
        p.append("本清单有新版本。", b);
      }
      offer();
      r.addEventListener("updatefound", function () {
        var w = r.installing;
        w.addEventListener("statechange", offer);
      });
    });
  }
})();

// The home page's 离线使用: states the size of the search index and the
// list pages (the section's data-offline names the build's offline.json),
// and on the button's press has the worker save them all, showing its
// progress. The section then carries data-offline-state="done". Above the
// cap the list names, the button stays disabled.
(function () {
  "use strict";
  var box = document.querySelector("[data-offline]"), sw = navigator.serviceWorker;
  if (!box || !sw || !/^https?:$/.test(location.protocol)) return;
  var button = box.querySelector("[data-offline-save]"), bar = box.querySelector("progress");
  var note = box.querySelector("[data-offline-note]"), status = box.querySelector("[data-offline-status]");
  function mb(n) {
    return (n / 1048576).toFixed(1) + " MB";
  }
  fetch(box.getAttribute("data-offline"), {cache: "no-cache"}).then(function (r) {
    return r.json();
  }).then(function (list) {
    box.hidden = false;
    if (list.bytes > list.cap) {
      note.textContent = "本清单的搜索和各张清单共 " + mb(list.bytes) + "，超过 " + mb(list.cap) + "，不能保存到本机。";
      return;
    }
    note.textContent = "把搜索和各张清单（共 " + mb(list.bytes) + "）保存在这台设备上，没有网络时也能查。";
    button.disabled = false;
    // saved before (the worker keeps offline.json only then): say so
    return caches.match(new URL(box.getAttribute("data-offline"), location.href).href).then(function (r) {
      if (r && !box.hasAttribute("data-offline-state")) {
        box.setAttribute("data-offline-state", "done");
        status.textContent = "已保存在这台设备上，没有网络时也能搜索和查看各张清单。";
      }
    });
  }).catch(function () {});
  sw.addEventListener("message", function (e) {
    var m = e.data;
    if (!m || m.save === undefined) return;
    if (m.save === "done" || m.save === "error") {
      bar.hidden = true;
      box.setAttribute("data-offline-state", m.save);
      status.textContent = m.save === "done" ? "已保存，没有网络时也能搜索和查看各张清单。" : "没有保存完，请联网后再试一次。";
      button.disabled = false;
      return;
    }
    bar.max = m.of;
    bar.value = m.save;
    status.textContent = "正在保存：" + Math.round(100 * m.save / m.of) + "%";
  });
  sw.startMessages();
  button.addEventListener("click", function () {
    button.disabled = true;
    bar.hidden = false;
    box.setAttribute("data-offline-state", "saving");
    status.textContent = "正在保存…";
    sw.ready.then(function (r) {
      r.active.postMessage("save");
    });
  });
})();
