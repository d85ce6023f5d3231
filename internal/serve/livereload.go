package serve

// liveReloadJS is served at /_coexport/livereload.js and referenced only by pages built
// for the dev server. It listens to /_coexport/events: "reload" lists the outputs that
// changed (the page reloads if it is one of them; a stylesheet-only change swaps the
// stylesheet in place), "errors" shows the build errors in an overlay, which goes away
// at the next good build.
const liveReloadJS = `(function () {
  'use strict';
  var version = null, overlay = null;
  function pagePath() {
    var p = location.pathname.replace(/^\//, '');
    return (p === '' || p.endsWith('/')) ? p + 'index.html' : p;
  }
  function hideErrors() { if (overlay) { overlay.remove(); overlay = null; } }
  function showErrors(list) {
    hideErrors();
    overlay = document.createElement('div');
    overlay.id = 'coexport-errors';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;' +
      'background:#2b0b0b;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.2rem;border-top:4px solid #ff5c5c';
    var h = document.createElement('strong');
    h.textContent = 'La construction a échoué : le site affiche la dernière version correcte.';
    overlay.appendChild(h);
    var ul = document.createElement('ul');
    list.forEach(function (e) { var li = document.createElement('li'); li.textContent = e; ul.appendChild(li); });
    overlay.appendChild(ul);
    document.body.appendChild(overlay);
  }
  function swapStyles() {
    document.querySelectorAll('link[rel=stylesheet]').forEach(function (l) {
      var u = new URL(l.href); u.searchParams.set('t', Date.now()); l.href = u.toString();
    });
  }
  function connect() {
    var es = new EventSource('/_coexport/events');
    es.addEventListener('hello', function (e) {
      var v = JSON.parse(e.data).version;
      if (version !== null && v !== version) location.reload();
      version = v; hideErrors();
      document.documentElement.setAttribute('data-live-reload', 'connected');
    });
    es.addEventListener('errors', function (e) {
      document.documentElement.setAttribute('data-live-reload', 'connected');
      showErrors(JSON.parse(e.data).errors);
    });
    es.addEventListener('reload', function (e) {
      var d = JSON.parse(e.data), here = pagePath();
      version = d.version;
      hideErrors();
      var page = d.changed.indexOf(here) >= 0 ||
        (here === 'recherche/index.html' && d.changed.some(function (p) { return p.indexOf('recherche/index/') === 0; }));
      var others = d.changed.filter(function (p) { return !/\.css$/.test(p); });
      if (page) { location.reload(); return; }
      if (others.length < d.changed.length) swapStyles();
    });
    es.onerror = function () { es.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
`
