/* start.js: what the published script does when it runs on a page.
 *
 * It defines window.JZSearch, the script's only global: register(name,
 * data), which each index file calls (load.js), and open(base), the
 * engine's API (engine.js). On a page with #search-app it then starts
 * the search page (ui.js) on that API.
 */
var start = (function (load, engine, ui) {
  "use strict";

  // install defines global.JZSearch with a new loader, which takes over
  // the files the page's head start has or has asked for (boot.js),
  // starts the page code if global.document has a search app, and
  // returns JZSearch.
  function install(global) {
    var loader = new load.Loader(), early = global.JZSearch && global.JZSearch.early;
    if (early) loader.adopt(early);
    var api = global.JZSearch = {
      register: function (name, data) { loader.register(name, data); },
      open: function (base) { return engine.open(base, loader); }
    };
    var document = global.document;
    function run() {
      var app = document.getElementById("search-app");
      if (app && !app.__jzSearch) app.__jzSearch = new ui.UI(app, api.open);
    }
    // The search page's script is async: it may run before the page,
    // #search-app or what it holds, is parsed.
    if (document && document.getElementById) {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
      else run();
    }
    return api;
  }

  return { install: install };
})(typeof module === "object" ? require("./load.js") : load,
  typeof module === "object" ? require("./engine.js") : engine,
  typeof module === "object" ? require("./ui.js") : ui);
if (typeof module === "object") module.exports = start;
if (typeof module !== "object") start.install(window);
