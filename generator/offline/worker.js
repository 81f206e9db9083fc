// The site's service worker (package offline writes it as sw.js, after a
// first line that sets V, the build's version). It keeps one cache per
// build, "jz-" + V:
//
// - install: the core files of offline.json, fetched anew, and the pages
//   the reader had in an older build's cache; if the reader had saved the
//   site (the older cache holds offline.json), every file of the new
//   list. The new worker then waits: the pages keep the old build until
//   the reader presses the notice's button (site.js), which sends
//   "activate"; every open page then reloads into the new build at once.
// - activate: the older caches are deleted; on a first install the
//   worker takes the open pages at once.
// - fetch: the files of the index's hashed folder and the assets cache
//   first (their names carry a hash of their bytes: they never change);
//   sw.js from the network only, offline.json too but for the copy a
//   save keeps; the index's manifest network first, but the cache keeps
//   the one of its install, so that an offline search never reads
//   another build's index; every other file network first, kept, and
//   served from the cache when the network fails. Pages are kept by path,
//   without the query: the search page answers every query from one copy.
// - message "save" (the home page's 离线使用): every file of offline.json
//   into the cache, with the progress posted to the page as {save: done,
//   of: total}, then {save: "done"}, or {save: "error"}.
"use strict";
var CACHE = "jz-" + V;
var ROOT = self.registration.scope;

// key is the cache key of a URL of the site: its path without the query,
// a folder as its index.html.
function key(url) {
  var p = url.split(/[?#]/)[0].slice(ROOT.length);
  if (p === "" || p.slice(-1) === "/") p += "index.html";
  return ROOT + p;
}

// keep puts a fresh copy of a response in the cache. A response that
// followed a redirect (a host that sends …/index.html to …/) is copied
// first: browsers refuse a redirected response for a navigation.
function keep(cache, url, res) {
  if (!res.ok || res.type === "opaqueredirect") return Promise.resolve(res);
  var copy = res.redirected ? res.clone().blob().then(function (b) {
    return new Response(b, {status: res.status, statusText: res.statusText, headers: res.headers});
  }) : Promise.resolve(res.clone());
  return copy.then(function (c) { return cache.put(key(url), c); }).then(function () { return res; });
}

// fill fetches every path (from the root) into the cache, six at a time,
// calling step after each. A file that fails fails the whole, but for a
// path that gone(path) allows to be missing (a page of an older build).
function fill(cache, paths, step, gone) {
  var next = 0, done = 0;
  function one() {
    if (next >= paths.length) return Promise.resolve();
    var p = paths[next++], url = ROOT + p;
    return fetch(url, {cache: "no-cache"}).then(function (res) {
      if (res.ok) return keep(cache, url, res);
      if (!gone || !gone(p)) throw new Error(url + ": " + res.status);
    }).then(function () {
      done++;
      if (step) step(done, paths.length);
      return one();
    });
  }
  var runs = [];
  for (var i = 0; i < 6; i++) runs.push(one());
  return Promise.all(runs);
}

function list() {
  return fetch(ROOT + "offline.json", {cache: "no-cache"}).then(function (r) { return r.json(); });
}

self.addEventListener("install", function (e) {
  e.waitUntil(Promise.all([list(), caches.keys()]).then(function (got) {
    var l = got[0], old = got[1].filter(function (k) { return k.indexOf("jz-") === 0 && k !== CACHE; });
    return Promise.all(old.map(function (k) {
      return caches.open(k).then(function (c) { return c.keys(); });
    })).then(function (kept) {
      var want = {}, saved = false;
      l.core.forEach(function (p) { want[p] = 1; });
      kept.forEach(function (reqs) {
        reqs.forEach(function (r) {
          var p = r.url.slice(ROOT.length);
          if (p === "offline.json") saved = true;
          else if (p.indexOf("search/index/") !== 0 && /\.html$/.test(p)) want[p] = 1;
        });
      });
      if (saved) l.files.forEach(function (p) { want[p] = 1; });
      return caches.open(CACHE).then(function (c) {
        return fill(c, Object.keys(want).sort(), null, function (p) {
          return l.files.indexOf(p) < 0; // a page of the old build that is gone now
        }).then(function () {
          if (saved) return c.put(ROOT + "offline.json", new Response(JSON.stringify(l)));
        });
      });
    });
  }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    var old = keys.filter(function (k) { return k.indexOf("jz-") === 0 && k !== CACHE; });
    return Promise.all(old.map(function (k) { return caches.delete(k); })).then(function () {
      if (!old.length) return self.clients.claim();
    });
  }));
});

self.addEventListener("message", function (e) {
  if (e.data === "activate") self.skipWaiting();
  if (e.data !== "save") return;
  var client = e.source;
  e.waitUntil(Promise.all([list(), caches.open(CACHE)]).then(function (got) {
    var l = got[0], cache = got[1];
    if (l.v !== V) throw new Error("a newer build is published");
    return Promise.all(l.files.map(function (p) {
      return cache.match(ROOT + p).then(function (r) { return r ? null : p; });
    })).then(function (missing) {
      missing = missing.filter(Boolean);
      return fill(cache, missing, function (done, of) { client.postMessage({save: done, of: of}); });
    }).then(function () {
      return cache.put(ROOT + "offline.json", new Response(JSON.stringify(l)));
    });
  }).then(function () {
    client.postMessage({save: "done"});
  }, function () {
    client.postMessage({save: "error"});
  }));
});

self.addEventListener("fetch", function (e) {
  var req = e.request, url = req.url;
  if (req.method !== "GET" || url.indexOf(ROOT) !== 0) return;
  var k = key(url), p = k.slice(ROOT.length);
  if (p === "sw.js") return;
  e.respondWith(caches.open(CACHE).then(function (cache) {
    if (p === "offline.json") { // kept by a save only: it marks the cache as saved
      return fetch(req).catch(function (err) {
        return cache.match(k).then(function (hit) {
          if (hit) return hit;
          throw err;
        });
      });
    }
    if (/^(search\/index\/[0-9a-f]+|assets)\//.test(p)) {
      return cache.match(k).then(function (hit) {
        return hit || fetch(req).then(function (res) { return keep(cache, url, res); });
      });
    }
    return fetch(req).then(function (res) {
      if (p !== "search/index/manifest.js") return keep(cache, url, res);
      return cache.match(k).then(function (hit) { return hit ? res : keep(cache, url, res); });
    }, function (err) {
      return cache.match(k).then(function (hit) {
        if (hit) return hit;
        throw err;
      });
    });
  }));
});
