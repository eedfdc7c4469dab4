/* The chat page: gets a token from its own origin, starts the official Web Chat on our Direct Line endpoint. */
(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('binome-config').textContent);
  var params = new URLSearchParams(location.search);
  var status = document.getElementById('status');
  var token = null;

  function announce(text) {
    status.textContent = '';
    // A fresh text node after a tick makes screen readers announce the same sentence again.
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function quickExit() {
    try { sessionStorage.clear(); } catch (e) { /* storage disabled */ }
    if (window.top !== window.self) {
      window.parent.postMessage({ type: 'binome:quick-exit', url: cfg.quickExitUrl }, '*');
      try { window.top.location.replace(cfg.quickExitUrl); } catch (e) { /* cross-origin without a gesture: the embed script does it */ }
      location.replace('about:blank');
    } else {
      location.replace(cfg.quickExitUrl);
    }
  }

  function erase() {
    var done = function () {
      var url = new URL(location.href);
      url.searchParams.set('erased', '1');
      // replace: the erased conversation is not one Back away.
      location.replace(url.toString());
    };
    if (!token) return done();
    fetch('/widget/forget', { method: 'POST', headers: { authorization: 'Bearer ' + token } }).then(done, done);
  }

  document.getElementById('quick-exit').addEventListener('click', quickExit);
  document.getElementById('erase').addEventListener('click', erase);

  if (params.get('erased') === '1') {
    params.delete('erased');
    history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params.toString() : ''));
    announce(cfg.strings.erased);
  } else {
    announce(cfg.strings.connecting);
  }

  fetch('/widget/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: cfg.locale }) })
    .then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    })
    .then(function (t) {
      token = t.token;
      var directLine = window.WebChat.createDirectLine({
        domain: location.origin + '/v3/directline',
        token: t.token,
        // Polling for networks that block WebSockets (and to test that mode).
        webSocket: params.get('transport') !== 'polling'
      });
      directLine.connectionStatus$.subscribe(function (s) {
        // 2 = online; keep our token in step with the client's refreshed one for "erase".
        if (s === 2 && directLine.token) token = directLine.token;
      });
      window.binomeDirectLine = directLine;
      window.WebChat.renderWebChat({
        directLine: directLine,
        locale: cfg.locale,
        styleOptions: {
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          suggestedActionsStackedLayoutButtonTextWrap: true,
          accent: '#123c8c',
          bubbleBorderRadius: 8,
          bubbleFromUserBorderRadius: 8,
          bubbleFromUserBackground: '#e8eef9',
          subtle: '#595959',
          timestampColor: '#595959',
          rootHeight: '100%',
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
        }
      }, document.getElementById('webchat'));
    })
    .catch(function () {
      announce(cfg.strings.failed);
      var p = document.createElement('p');
      p.className = 'chat-error';
      p.textContent = cfg.strings.failed;
      document.getElementById('webchat').appendChild(p);
    });
})();
