// Yagura portal: live updates over server-sent events and the SLA clock. No framework, no build.
(function () {
  'use strict';
  // the customer's incident list and the SOC's queue follow the live stream the same way
  var table = document.getElementById('incidents') || document.getElementById('queue');
  if (table && window.EventSource) {
    // one fetch at a time: a burst of changes (the SOC sees every customer's) costs one more fetch, not one each
    var busy = false, again = false;
    var refresh = function () {
      if (busy) { again = true; return; }
      busy = true;
      // the page itself is the template-rendered truth: fetch it again and take its table body
      fetch(window.location.href, {credentials: 'same-origin'}).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var body = doc.querySelector('#' + table.id + ' tbody');
        if (body) { table.replaceChild(document.importNode(body, true), table.querySelector('tbody')); }
      }).catch(function () { /* the next event or reload tries again */ }).then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
    };
    var source = new EventSource(document.body.getAttribute('data-stream'));
    source.addEventListener('incident', refresh);
    source.addEventListener('open', function () { document.body.setAttribute('data-live', 'open'); });
  }
  var tick = function () {
    var now = Date.now();
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute('data-deadline')) - now) / 1000);
      var sign = left < 0 ? '-' : '';
      left = Math.abs(left);
      el.textContent = sign + Math.floor(left / 60) + ':' + ('0' + (left % 60)).slice(-2);
      el.className = sign ? 'sla breached' : 'sla';
    });
  };
  tick();
  setInterval(tick, 1000);
})();
