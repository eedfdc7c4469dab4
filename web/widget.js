/*
 * Binôme's embed script: <script src="https://…/widget.js" data-lang="fr" async></script>.
 * Adds a chat bubble in the corner (full screen on a phone) showing Binôme's chat page in
 * a frame, so the host page needs nothing else and shares no styles or scripts with it.
 */
(function () {
  'use strict';
  var STRINGS = __BINOME_STRINGS__;
  var script = document.currentScript;
  if (!script || document.getElementById('binome-widget')) return;
  var base = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'fr';
  var s = STRINGS[lang];

  var css = [
    '#binome-widget{position:fixed;right:20px;bottom:20px;z-index:2147483000;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
    '#binome-widget .binome-bubble{min-height:48px;padding:12px 20px;border:2px solid #fff;border-radius:24px;background:#123c8c;color:#fff;font:inherit;font-weight:600;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}',
    '#binome-widget .binome-bubble:focus-visible,#binome-widget .binome-close:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}',
    '#binome-widget .binome-panel{display:flex;flex-direction:column;width:400px;height:min(680px,calc(100vh - 40px));background:#fff;border:1px solid #595959;border-radius:12px;overflow:hidden;box-shadow:0 4px 24px rgba(0,0,0,.3)}',
    '#binome-widget .binome-panel[hidden]{display:none}',
    '#binome-widget .binome-panel-bar{display:flex;justify-content:flex-end;background:#123c8c}',
    '#binome-widget .binome-close{min-height:44px;padding:8px 16px;border:0;background:#123c8c;color:#fff;font:inherit;cursor:pointer;text-decoration:underline}',
    '#binome-widget iframe{flex:1;width:100%;border:0}',
    '@media (max-width:600px){#binome-widget.binome-open{inset:0;right:0;bottom:0}#binome-widget .binome-panel{width:100vw;height:100vh;height:100dvh;border:0;border-radius:0}}'
  ].join('\n');

  var root = document.createElement('div');
  root.id = 'binome-widget';
  var style = document.createElement('style');
  style.textContent = css;
  var bubble = document.createElement('button');
  bubble.type = 'button';
  bubble.className = 'binome-bubble';
  bubble.textContent = s.open;
  bubble.setAttribute('aria-expanded', 'false');
  bubble.setAttribute('aria-controls', 'binome-panel');
  var panel = document.createElement('section');
  panel.id = 'binome-panel';
  panel.className = 'binome-panel';
  panel.setAttribute('aria-label', s.frameTitle);
  panel.hidden = true;
  var bar = document.createElement('div');
  bar.className = 'binome-panel-bar';
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'binome-close';
  close.textContent = s.close;
  close.setAttribute('aria-label', s.closeLabel);
  bar.appendChild(close);
  panel.appendChild(bar);
  var frame = null;

  function open(focus) {
    if (!frame) {
      // Created on first open: no token, no conversation, until someone wants to talk.
      frame = document.createElement('iframe');
      frame.title = s.frameTitle;
      frame.src = base + '/chat?lang=' + lang + '&embed=1';
      panel.appendChild(frame);
    }
    panel.hidden = false;
    bubble.hidden = true;
    bubble.setAttribute('aria-expanded', 'true');
    root.className = 'binome-open';
    if (focus) frame.focus();
  }
  function collapse() {
    panel.hidden = true;
    bubble.hidden = false;
    bubble.setAttribute('aria-expanded', 'false');
    root.className = '';
    bubble.focus();
  }
  bubble.addEventListener('click', function () { open(true); });
  close.addEventListener('click', collapse);
  window.addEventListener('message', function (e) {
    if (e.origin !== base || !e.data || e.data.type !== 'binome:quick-exit') return;
    var url = String(e.data.url || '');
    // replace(): Back must not come back to the conversation.
    if (/^https?:\/\//.test(url)) location.replace(url);
  });

  root.appendChild(style);
  root.appendChild(bubble);
  root.appendChild(panel);
  var mount = function () {
    document.body.appendChild(root);
    if (script.hasAttribute('data-open')) open(false);
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
