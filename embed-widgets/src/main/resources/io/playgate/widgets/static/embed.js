/*
 * Playgate host SDK (GET /embed.js). On a partner page it
 *  - turns <a class="playgate-embed" href="…"> links (hub page URLs or /media/{id} URLs) into players, by asking this
 *    gateway's /oembed (CORS, no cookies); data-autoplay, data-start, data-theme, data-color, data-facade, data-dnt,
 *    data-layout, data-maxwidth and data-maxheight on the link become the oEmbed query;
 *  - gives videos a responsive box at their aspect ratio, and grows Playgate iframes that ask for it (a playlist
 *    shows its whole track list);
 *  - exposes Playgate.player(iframe): a Promise-based wrapper over the player.js control API
 *    (https://github.com/embedly/player.js) that the player speaks over postMessage.
 * Messages are parsed as data (JSON.parse), accepted only from this gateway's origin and from the iframe's window.
 */
(function () {
  'use strict';
  if (window.Playgate && window.Playgate.gateway) return;
  var script = document.currentScript;
  var GATEWAY = new URL(script && script.src ? script.src : location.href).origin;
  var VERSION = '0.0.11';
  var LINK_OPTIONS = ['autoplay', 'start', 'theme', 'color', 'facade', 'dnt', 'layout', 'maxwidth', 'maxheight'];
  var MIN_HEIGHT = 80;
  var MAX_HEIGHT = 2000;
  var GET_TIMEOUT_MS = 10000;
  var readyWindows = new WeakSet();
  var wrappers = new WeakMap();

  function iframeOf(win) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === win) return frames[i];
    }
    return null;
  }

  function parse(data) {
    if (typeof data === 'string') {
      if (data.length > 65536) return null;
      try { data = JSON.parse(data); } catch (e) { return null; }
    }
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? data : null;
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== GATEWAY || !e.source) return;
    var d = parse(e.data);
    if (!d || typeof d.event !== 'string') return;
    var iframe = iframeOf(e.source);
    if (!iframe) return;
    if (d.context === 'playgate' && d.event === 'resize') {
      var h = d.value && d.value.height;
      if (typeof h === 'number' && isFinite(h) && iframe.getAttribute('data-playgate-resize') !== 'off') {
        iframe.height = String(Math.round(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, h))));
      }
      return;
    }
    if (d.context !== 'player.js') return;
    if (d.event === 'ready') readyWindows.add(e.source);
    var w = wrappers.get(iframe);
    if (w) w._receive(d);
  });

  /** A player.js wrapper over one Playgate iframe; every method returns a Promise. */
  function Player(iframe) {
    this.iframe = iframe;
    this._seq = 0;
    this._pending = new Map();
    this._handlers = new Map();
    var self = this;
    this.ready = new Promise(function (resolve) { self._resolveReady = resolve; });
    if (readyWindows.has(iframe.contentWindow)) {
      this._readyValue = {};
      this._resolveReady(this);
    } else {
      // the player may have announced itself before we listened: a late 'ready' subscription is answered at once
      iframe.addEventListener('load', function () { self._send('addEventListener', 'ready', 'pg-ready'); });
      this._send('addEventListener', 'ready', 'pg-ready');
    }
  }
  Player.prototype._send = function (method, value, listener) {
    var msg = { context: 'player.js', version: VERSION, method: method };
    if (value !== undefined) msg.value = value;
    if (listener !== undefined) msg.listener = listener;
    if (this.iframe.contentWindow) this.iframe.contentWindow.postMessage(JSON.stringify(msg), GATEWAY);
  };
  Player.prototype._receive = function (d) {
    if (d.event === 'ready') {
      if (this._readyValue !== undefined) return;
      this._readyValue = d.value || {};
      this._resolveReady(this);
      this._emit('ready', this._readyValue);
      return;
    }
    if (typeof d.listener === 'string' && this._pending.has(d.listener)) {
      var resolve = this._pending.get(d.listener);
      this._pending.delete(d.listener);
      resolve(d.value);
      return;
    }
    this._emit(d.event, d.value);
  };
  Player.prototype._emit = function (event, value) {
    var fns = this._handlers.get(event);
    if (!fns) return;
    fns.slice().forEach(function (fn) {
      try { fn(value); } catch (err) { setTimeout(function () { throw err; }); }
    });
  };
  Player.prototype._call = function (method, value) {
    var self = this;
    return this.ready.then(function () { self._send(method, value); });
  };
  Player.prototype._get = function (method) {
    var self = this;
    return this.ready.then(function () {
      return new Promise(function (resolve, reject) {
        var id = 'pg-' + method + '-' + (++self._seq);
        self._pending.set(id, resolve);
        self._send(method, undefined, id);
        setTimeout(function () {
          if (self._pending.delete(id)) reject(new Error('Playgate: no answer to ' + method));
        }, GET_TIMEOUT_MS);
      });
    });
  };
  /**
   * Calls fn(value) on each player event: ready, play, pause, ended, timeupdate, progress, seeked, error.
   * 'ready' is a state: a handler added after it fires once, soon.
   */
  Player.prototype.on = function (event, fn) {
    var self = this;
    if (event === 'ready' && this._readyValue !== undefined) {
      setTimeout(function () { fn(self._readyValue); });
    }
    if (!this._handlers.has(event)) {
      this._handlers.set(event, []);
      if (event !== 'ready') this.ready.then(function () { self._send('addEventListener', event, 'pg-on-' + event); });
    }
    this._handlers.get(event).push(fn);
    return this;
  };
  Player.prototype.off = function (event, fn) {
    var fns = this._handlers.get(event);
    if (!fns) return this;
    var i = fns.indexOf(fn);
    if (i >= 0) fns.splice(i, 1);
    if (fns.length === 0 && event !== 'ready') {
      this._handlers.delete(event);
      this._send('removeEventListener', event, 'pg-on-' + event);
    }
    return this;
  };
  ['play', 'pause', 'mute', 'unmute', 'next', 'previous'].forEach(function (m) {
    Player.prototype[m] = function () { return this._call(m); };
  });
  ['setVolume', 'setCurrentTime', 'setLoop'].forEach(function (m) {
    Player.prototype[m] = function (value) { return this._call(m, value); };
  });
  ['getPaused', 'getMuted', 'getVolume', 'getDuration', 'getCurrentTime', 'getLoop'].forEach(function (m) {
    Player.prototype[m] = function () { return this._get(m); };
  });

  function player(iframe) {
    if (!(iframe instanceof HTMLIFrameElement) || new URL(iframe.src, location.href).origin !== GATEWAY) {
      throw new TypeError('Playgate.player: expected an <iframe> whose src is on ' + GATEWAY);
    }
    var w = wrappers.get(iframe);
    if (!w) {
      w = new Player(iframe);
      wrappers.set(iframe, w);
    }
    return w;
  }

  function embed(link) {
    if (link.getAttribute('data-playgate-state')) return Promise.resolve(null);
    link.setAttribute('data-playgate-state', 'loading');
    var q = new URLSearchParams();
    q.set('url', link.href);
    q.set('format', 'json');
    LINK_OPTIONS.forEach(function (name) {
      var v = link.getAttribute('data-' + name);
      if (v !== null) q.set(name, v);
    });
    return fetch(GATEWAY + '/oembed?' + q.toString(), { mode: 'cors', credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('oEmbed answered ' + r.status)); })
      .then(function (o) {
        // the html is parsed, never inserted: we rebuild the one iframe it holds, from this gateway only
        var doc = new DOMParser().parseFromString(String(o.html || ''), 'text/html');
        var given = doc.querySelector('iframe');
        var src = given && given.getAttribute('src');
        if (!src || new URL(src, GATEWAY).origin !== GATEWAY) throw new Error('unexpected oEmbed html');
        var f = document.createElement('iframe');
        f.src = new URL(src, GATEWAY).href;
        f.width = String(o.width);
        f.height = String(o.height);
        f.title = (given.getAttribute('title') || o.title || 'Playgate player');
        f.setAttribute('allow', 'autoplay; encrypted-media; fullscreen; picture-in-picture');
        f.referrerPolicy = 'strict-origin-when-cross-origin';
        f.className = 'playgate-player';
        f.style.border = '0';
        f.style.maxWidth = '100%';
        if (o.type === 'video' && o.width > 0 && o.height > 0) {
          // a responsive box at the video's aspect ratio: as wide as the oEmbed answer allows, narrower on small screens
          f.style.width = o.width + 'px';
          f.style.height = 'auto';
          f.style.aspectRatio = o.width + ' / ' + o.height;
        }
        f.setAttribute('data-playgate-url', link.href);
        link.replaceWith(f);
        return f;
      })
      .catch(function (err) {
        link.setAttribute('data-playgate-state', 'failed');
        link.setAttribute('data-playgate-error', err.message);
        return null;
      });
  }

  /** Embeds every unprocessed .playgate-embed link under root; resolves to the new iframes. */
  function scan(root) {
    var links = (root || document).querySelectorAll('a.playgate-embed[href]');
    return Promise.all(Array.prototype.map.call(links, embed)).then(function (frames) {
      return frames.filter(function (f) { return f !== null; });
    });
  }

  var embedded = new Promise(function (resolve) {
    var run = function () { scan(document).then(resolve); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run); else run();
  });

  window.Playgate = { gateway: GATEWAY, player: player, scan: scan, embedded: embedded };
})();
