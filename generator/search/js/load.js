/* load.js: loading the index's files.
 *
 * Every file of the export is a classic script that hands its data to
 * window.JZSearch.register(name, data) (doc.go), because browsers refuse
 * fetch under file:// and the site's CSP forbids eval. A Loader injects
 * one script element per file, once, and resolves each name's promise
 * when its script registers. Node tests give it their own loadScript.
 */
var load = (function () {
  "use strict";

  // Loader loads the files of one page's index. loadScript(src, done)
  // runs the script at src and calls done(err); a script element when
  // not given.
  function Loader(loadScript) {
    this.loadScript = loadScript || scriptElement;
    this.loaded = Object.create(null);
    this.waiting = Object.create(null);
  }

  // register is what each index file calls with its name and data.
  Loader.prototype.register = function (name, data) {
    this.loaded[name] = data;
    if (this.waiting[name]) this.waiting[name].resolve(data);
  };

  // load returns a promise of the data of the file name (a path under
  // base without .js), loading it the first time.
  Loader.prototype.load = function (base, name) {
    if (name in this.loaded) return Promise.resolve(this.loaded[name]);
    var self = this, w = this.waiting[name];
    if (!w) {
      w = this.wait(name);
      this.loadScript(base + name + ".js", function (err) { self.settle(name, err); });
    }
    return w.promise;
  };

  // wait is the promise of name's data, resolved when it registers.
  Loader.prototype.wait = function (name) {
    var w = this.waiting[name] = {};
    w.promise = new Promise(function (resolve, reject) { w.resolve = resolve; w.reject = reject; });
    return w;
  };

  // settle ends the loading of name: a script that ran without
  // registering is an error too.
  Loader.prototype.settle = function (name, err) {
    var w = this.waiting[name];
    if (!err && !(name in this.loaded)) err = new Error(name + ".js did not register");
    if (err && w) { delete this.waiting[name]; w.reject(err); }
  };

  // adopt takes over what the search page's head start (boot.js) holds:
  // the files it has, and those it asked for and that have not failed,
  // which this loader then waits for instead of asking again; one that
  // fails after all, it asks for itself.
  Loader.prototype.adopt = function (early) {
    var self = this;
    for (var name in early.loaded) this.loaded[name] = early.loaded[name];
    Object.keys(early.asked).forEach(function (name) {
      if (name in self.loaded) return;
      var s = early.asked[name];
      self.wait(name);
      s.onload = function () { self.settle(name, null); };
      s.onerror = function () {
        self.loadScript(early.dir + name + ".js", function (err) { self.settle(name, err); });
      };
    });
  };

  function scriptElement(src, done) {
    var s = document.createElement("script");
    s.src = src;
    s.async = true;
    s.onload = function () { s.remove(); done(null); };
    s.onerror = function () { s.remove(); done(new Error("cannot load " + src)); };
    document.head.appendChild(s);
  }

  return { Loader: Loader };
})();
if (typeof module === "object") module.exports = load;
