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
