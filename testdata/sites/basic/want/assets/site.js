// coexport — the few lines of script every page may use; every page works without them.
// 1. Days left before each AMI's deadline, counted again on the reader's day (the page was
//    built on another): elements with data-deadline="YYYY-MM-DD".
// 2. The "/" key focuses the search box.
// 3. On /ami/, the filter form (country, sector, deadline window, words), kept in the URL.
// 4. A table wider than its column scrolls sideways (style.css): it gets tabindex="0" so
//    that the keyboard can scroll it too, and loses it when the window grows.
(function () {
  'use strict';
  var DAY = 86400000;
  function today() {
    var d = new Date();
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }
  function parseDay(s) {
    var p = (s || '').split('-');
    return p.length === 3 ? Date.UTC(+p[0], +p[1] - 1, +p[2]) : NaN;
  }
  function fold(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  }

  function updateDays() {
    var now = today();
    document.querySelectorAll('.days-left[data-deadline]').forEach(function (el) {
      var left = Math.round((parseDay(el.getAttribute('data-deadline')) - now) / DAY);
      if (isNaN(left)) return;
      if (left < 0) {
        el.textContent = 'clos';
        var card = el.closest('.ami-card, .ami');
        if (card) card.classList.add('is-closed');
      } else {
        el.textContent = left === 0 ? 'dernier jour' : left === 1 ? 'encore 1 jour' : 'encore ' + left + ' jours';
      }
    });
  }

  function focusSearch(e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById('search-q') || document.getElementById('site-q');
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  }

  function amiFilters() {
    var form = document.getElementById('ami-filters');
    var list = document.getElementById('ami-list');
    var count = document.getElementById('ami-count');
    if (!form || !list) return;
    form.hidden = false;
    var items = Array.prototype.slice.call(list.children);
    var texts = items.map(function (li) { return fold(li.textContent); });
    var fields = ['pays', 'secteur', 'delai', 'mots'];
    function state() {
      var s = {};
      fields.forEach(function (f) { s[f] = form.elements[f].value.trim(); });
      return s;
    }
    function apply(s) {
      var now = today(), shown = 0;
      var words = fold(s.mots).split(/\s+/).filter(Boolean);
      items.forEach(function (li, i) {
        var ok = (!s.pays || (' ' + li.getAttribute('data-countries').toLowerCase() + ' ').indexOf(' ' + s.pays + ' ') >= 0) &&
          (!s.secteur || (' ' + li.getAttribute('data-sectors') + ' ').indexOf(' ' + s.secteur + ' ') >= 0) &&
          (!s.delai || (parseDay(li.getAttribute('data-deadline')) - now) / DAY <= +s.delai) &&
          words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown === 0 ? 'Aucun appel ne correspond à ces filtres.' :
        shown + (shown === 1 ? ' appel ouvert' : ' appels ouverts');
    }
    function fromURL() {
      var q = new URLSearchParams(location.search);
      fields.forEach(function (f) { form.elements[f].value = q.get(f) || ''; });
      apply(state());
    }
    function toURL() {
      var s = state(), q = new URLSearchParams();
      fields.forEach(function (f) { if (s[f]) q.set(f, s[f]); });
      var qs = q.toString();
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
      apply(s);
    }
    form.addEventListener('input', toURL);
    form.addEventListener('change', toURL);
    form.addEventListener('submit', function (e) { e.preventDefault(); toURL(); });
    window.addEventListener('popstate', fromURL);
    fromURL();
  }

  function scrollableTables() {
    var tables = document.querySelectorAll('main table');
    if (!tables.length) return;
    function mark() {
      tables.forEach(function (t) {
        if (t.scrollWidth > t.clientWidth + 1) t.setAttribute('tabindex', '0');
        else t.removeAttribute('tabindex');
      });
    }
    var timer;
    window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(mark, 150); });
    mark();
  }

  document.addEventListener('keydown', focusSearch);
  function start() { updateDays(); amiFilters(); scrollableTables(); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
