// Playgate player: custom controls over one <audio>/<video> element, album and playlist walking, keyboard
// operation, the player.js control API over postMessage, resize requests and cookie-free analytics beacons.
// Reads everything from the page's markup (data-* attributes, no inline script, no eval): runs under script-src 'self'.
const HEX6 = /^[0-9a-f]{6}$/;
/** The player.js protocol version we speak (https://github.com/embedly/player.js, spec "0.0.11"). */
const PJS_VERSION = '0.0.11';
const PJS_EVENTS = ['ready', 'play', 'pause', 'ended', 'timeupdate', 'progress', 'seeked', 'error'];
const PJS_METHODS = ['play', 'pause', 'getPaused', 'mute', 'unmute', 'getMuted', 'setVolume', 'getVolume',
  'getDuration', 'setCurrentTime', 'getCurrentTime', 'setLoop', 'getLoop', 'addEventListener',
  'removeEventListener', 'next', 'previous'];
const MAX_MESSAGE_CHARS = 4096;
const MAX_LISTENERS_PER_EVENT = 32;
const SEEK_STEP_SECONDS = 5;
const VOLUME_STEP = 0.1;
const MAX_RESIZE_PX = 2000;

const framed = window.parent !== window;

function fmt(seconds) {
  let s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  s %= 60;
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The origin of the page that framed us (what /events counts), or our own when not framed. */
function embeddingOrigin() {
  if (!framed) return location.origin;
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0];
  try {
    if (document.referrer) return new URL(document.referrer).origin;
  } catch (e) { /* no usable referrer */ }
  return 'null';
}

/** Cookie-free beacons: impression, play, q25/q50/q75/q100 and ended, once per item; nothing with dnt=1. */
function analytics(root, on) {
  if (root.dataset.dnt === '1' || typeof navigator.sendBeacon !== 'function') return { reset() {} };
  const origin = embeddingOrigin();
  const mediaId = root.dataset.mediaId;
  let sent = new Set();
  const send = (event) => {
    if (sent.has(event)) return;
    sent.add(event);
    try {
      navigator.sendBeacon('/events', JSON.stringify({ v: 1, media: mediaId, event, origin }));
    } catch (e) { /* beacons are best effort */ }
  };
  send('impression');
  on('play', () => send('play'));
  on('timeupdate', (e) => {
    const media = e.currentTarget;
    const d = media.duration;
    if (!Number.isFinite(d) || d <= 0) return;
    const pct = (media.currentTime / d) * 100;
    for (const q of [25, 50, 75]) if (pct >= q) send('q' + q);
  });
  on('ended', () => { send('q25'); send('q50'); send('q75'); send('q100'); send('ended'); });
  return { reset() { sent = new Set(['impression']); } };
}

/**
 * The player.js receiver: parses messages from our parent as data, answers getters to the listener that asked,
 * and sends events to every registered listener. Returns {emit(event, value), ready()}.
 */
function controlApi(api) {
  const listeners = new Map();
  let isReady = false;
  const post = (msg) => {
    if (framed) window.parent.postMessage(JSON.stringify({ context: 'player.js', version: PJS_VERSION, ...msg }), '*');
  };
  const readyValue = () => ({ src: location.href, events: PJS_EVENTS, methods: PJS_METHODS });
  window.addEventListener('message', (e) => {
    if (!framed || e.source !== window.parent) return;
    let d = e.data;
    if (typeof d === 'string') {
      if (d.length > MAX_MESSAGE_CHARS) return;
      try { d = JSON.parse(d); } catch (x) { return; }
    }
    if (d === null || typeof d !== 'object' || Array.isArray(d) || d.context !== 'player.js') return;
    if (typeof d.method !== 'string' || !PJS_METHODS.includes(d.method)) return;
    const listener = (typeof d.listener === 'string' || typeof d.listener === 'number')
      ? String(d.listener).slice(0, 64) : undefined;
    const value = d.value;
    if (d.method === 'addEventListener') {
      if (!PJS_EVENTS.includes(value) || listener === undefined) return;
      if (!listeners.has(value)) listeners.set(value, new Set());
      const set = listeners.get(value);
      if (set.size < MAX_LISTENERS_PER_EVENT) set.add(listener);
      // a host that subscribes after we were ready still learns we are
      if (value === 'ready' && isReady) post({ event: 'ready', value: readyValue(), listener });
      return;
    }
    if (d.method === 'removeEventListener') {
      if (typeof value !== 'string' || !listeners.has(value)) return;
      if (listener === undefined) listeners.delete(value); else listeners.get(value).delete(listener);
      return;
    }
    const result = api[d.method](value);
    if (d.method.startsWith('get')) post({ event: d.method, value: result, listener });
  });
  return {
    emit(event, value) {
      const set = listeners.get(event);
      if (!set) return;
      for (const listener of set) post({ event, value, listener });
    },
    ready() {
      isReady = true;
      post({ event: 'ready', value: readyValue() });
    },
  };
}

/**
 * A collection plays a track in an <audio> element and a video in a <video> one (what scrapers and assistive
 * technology report). Returns the element of that tag: the same one, or a new one in its place that took over the
 * listeners ([type, fn] pairs), class, volume and mute state; the old one is emptied.
 */
function swapMediaElement(media, tag, handlers) {
  if (media.tagName === tag.toUpperCase()) return media;
  const next = document.createElement(tag);
  next.className = media.className;
  next.preload = 'metadata';
  if (tag === 'video') next.setAttribute('playsinline', '');
  next.volume = media.volume;
  next.muted = media.muted;
  for (const [type, fn] of handlers) { media.removeEventListener(type, fn); next.addEventListener(type, fn); }
  media.pause();
  media.replaceWith(next);
  media.replaceChildren();
  media.load();
  return next;
}

function setup(root) {
  const accent = root.dataset.accent;
  if (accent && HEX6.test(accent)) document.documentElement.style.setProperty('--pg-accent', '#' + accent);
  let media = root.querySelector('.pg-media');
  const controls = root.querySelector('.pg-controls');
  if (!media || !controls) return null;
  // every listener on the media element goes through on(), so a collection can swap <audio> and <video> per row
  const handlers = [];
  const on = (type, fn) => { handlers.push([type, fn]); media.addEventListener(type, fn); };
  const $ = (sel) => root.querySelector(sel);
  const playBtn = $('.pg-play');
  const seek = $('.pg-seek-input');
  const elapsed = $('.pg-elapsed');
  const total = $('.pg-total');
  const muteBtn = $('.pg-mute');
  const volume = $('.pg-volume');
  const unmuteBtn = $('.pg-unmute');
  const live = $('.pg-live');
  const bigPlay = $('.pg-bigplay');
  const fullscreenBtn = $('.pg-fullscreen');
  const pipBtn = $('.pg-pip');
  const isVideoPlayer = root.dataset.kind === 'video';
  let title = root.dataset.title || '';

  // progressive enhancement: the markup ships native controls; ours replace them once this script runs
  media.controls = false;
  controls.hidden = false;
  root.classList.add('pg-enhanced');
  if (bigPlay) bigPlay.hidden = false;

  const say = (text) => { if (live) live.textContent = text; };
  const play = () => Promise.resolve(media.play()).catch(() => {});
  const toggle = () => (media.paused || media.ended ? play() : media.pause());
  const seekTo = (t) => {
    const d = Number.isFinite(media.duration) ? media.duration : Infinity;
    media.currentTime = Math.max(0, Math.min(d, t));
  };
  const setVolume = (v) => {
    media.volume = Math.max(0, Math.min(1, v));
    if (media.volume > 0) media.muted = false;
  };

  const showTime = () => {
    const d = media.duration;
    const t = media.currentTime;
    elapsed.textContent = fmt(t);
    if (Number.isFinite(d) && d > 0) {
      total.textContent = fmt(d);
      seek.max = String(Math.max(1, Math.floor(d)));
      root.style.setProperty('--pg-played', ((t / d) * 100).toFixed(2) + '%');
    }
    if (document.activeElement !== seek || media.paused) seek.value = String(Math.floor(t));
    seek.setAttribute('aria-valuetext', `${fmt(t)} of ${fmt(d)}`);
  };
  const showBuffered = () => {
    const d = media.duration;
    const b = media.buffered;
    if (!Number.isFinite(d) || d <= 0 || b.length === 0) return;
    let end = b.end(b.length - 1);
    for (let i = 0; i < b.length; i++) if (b.start(i) <= media.currentTime && media.currentTime <= b.end(i)) end = b.end(i);
    root.style.setProperty('--pg-buffered', ((end / d) * 100).toFixed(2) + '%');
  };
  const showVolume = () => {
    const muted = media.muted || media.volume === 0;
    root.classList.toggle('pg-muted', muted);
    muteBtn.setAttribute('aria-label', muted ? 'Unmute' : 'Mute');
    muteBtn.setAttribute('aria-pressed', muted ? 'true' : 'false');
    const v = Math.round((muted ? 0 : media.volume) * 100);
    volume.value = String(v);
    volume.setAttribute('aria-valuetext', muted ? 'muted' : v + '%');
    if (!muted) unmuteBtn.hidden = true;
  };

  playBtn.addEventListener('click', toggle);
  if (bigPlay) bigPlay.addEventListener('click', () => { play(); playBtn.focus(); });
  if (isVideoPlayer) on('click', toggle);
  seek.addEventListener('input', () => seekTo(seek.valueAsNumber));
  volume.addEventListener('input', () => setVolume(volume.valueAsNumber / 100));
  muteBtn.addEventListener('click', () => {
    if (media.muted || media.volume === 0) { media.muted = false; if (media.volume === 0) media.volume = 1; } else media.muted = true;
  });
  unmuteBtn.addEventListener('click', () => { media.muted = false; if (media.volume === 0) media.volume = 1; playBtn.focus(); });

  on('play', () => {
    root.classList.add('pg-playing', 'pg-started');
    playBtn.setAttribute('aria-label', 'Pause');
    say(`Playing ${title}, ${fmt(media.currentTime)} of ${fmt(media.duration)}`);
  });
  on('pause', () => {
    root.classList.remove('pg-playing');
    playBtn.setAttribute('aria-label', 'Play');
    say(`Paused at ${fmt(media.currentTime)} of ${fmt(media.duration)}`);
  });
  on('seeked', () => { if (media.paused) say(`${fmt(media.currentTime)} of ${fmt(media.duration)}`); });
  for (const ev of ['timeupdate', 'durationchange', 'loadedmetadata', 'seeked', 'emptied']) on(ev, showTime);
  for (const ev of ['progress', 'loadedmetadata', 'seeked']) on(ev, showBuffered);
  on('volumechange', showVolume);
  showTime();
  showVolume();

  // fullscreen and picture-in-picture where the browser has them (for videos, and a playlist's video rows)
  const videoNow = () => media.tagName === 'VIDEO' && (isVideoPlayer || root.classList.contains('pg-showing-video'));
  const showVideoButtons = () => {
    if (fullscreenBtn) fullscreenBtn.hidden = !(document.fullscreenEnabled && videoNow());
    if (pipBtn) pipBtn.hidden = !(document.pictureInPictureEnabled && videoNow() && !media.disablePictureInPicture);
  };
  const toggleFullscreen = () => {
    if (!document.fullscreenEnabled || !videoNow()) return;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else (isVideoPlayer ? root : media).requestFullscreen().catch(() => {});
  };
  if (fullscreenBtn) fullscreenBtn.addEventListener('click', toggleFullscreen);
  if (pipBtn) {
    pipBtn.addEventListener('click', () => {
      if (document.pictureInPictureElement) document.exitPictureInPicture().catch(() => {});
      else media.requestPictureInPicture().catch(() => {});
    });
  }
  document.addEventListener('fullscreenchange', () => {
    const on = document.fullscreenElement != null;
    root.classList.toggle('pg-fullscreen-on', on);
    if (fullscreenBtn) fullscreenBtn.setAttribute('aria-label', on ? 'Exit full screen' : 'Full screen');
  });
  showVideoButtons();

  // a video's controls step aside while it plays and the pointer rests
  if (isVideoPlayer) {
    let idle = 0;
    const wake = () => {
      root.classList.remove('pg-idle');
      clearTimeout(idle);
      idle = setTimeout(() => root.classList.add('pg-idle'), 2500);
    };
    root.addEventListener('pointermove', wake);
    root.addEventListener('focusin', wake);
    on('play', wake);
  }

  // keyboard: space or k play/pause, arrows seek (left/right) and change the volume (up/down), m mutes, f fullscreen
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    // keys pressed on the page around the player (a share page's Embed panel, its links) belong to what has focus
    if (t instanceof Element && t !== document.body && t !== document.documentElement && !root.contains(t)) return;
    const activatable = t instanceof HTMLButtonElement || t instanceof HTMLAnchorElement;
    const onVolume = t === volume;
    switch (e.key) {
      case 'k': case 'K': toggle(); break;
      case ' ': if (activatable) return; toggle(); break;
      case 'ArrowLeft': case 'ArrowRight':
        if (onVolume) return;
        seekTo(media.currentTime + (e.key === 'ArrowRight' ? SEEK_STEP_SECONDS : -SEEK_STEP_SECONDS));
        break;
      case 'ArrowUp': case 'ArrowDown':
        if (onVolume) return;
        setVolume((media.muted ? 0 : media.volume) + (e.key === 'ArrowUp' ? VOLUME_STEP : -VOLUME_STEP));
        break;
      case 'm': case 'M': media.muted = !media.muted; break;
      case 'f': case 'F': if (!videoNow()) return; toggleFullscreen(); break;
      default: return;
    }
    e.preventDefault();
  });

  const stats = analytics(root, on);

  // albums and playlists: click a row to play it, next/previous, auto-advance; a video row plays in place
  const rows = Array.from(root.querySelectorAll('.pg-row'));
  let current = 0;
  const nowTitle = $('.pg-now-title');
  const load = (index, andPlay) => {
    if (index < 0 || index >= rows.length) return false;
    const row = rows[index];
    rows.forEach((r, i) => {
      r.classList.toggle('pg-current', i === index);
      const b = r.querySelector('.pg-row-play');
      if (i === index) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    });
    current = index;
    const isVideo = row.dataset.kind === 'video';
    media.pause();
    media = swapMediaElement(media, isVideo ? 'video' : 'audio', handlers);
    media.replaceChildren(row.querySelector('template.pg-sources').content.cloneNode(true));
    media.classList.toggle('pg-audio-only', !isVideo);
    root.classList.toggle('pg-showing-video', isVideo);
    if (isVideo && row.dataset.poster) media.poster = row.dataset.poster; else media.removeAttribute('poster');
    const rowTitle = row.querySelector('.pg-row-title');
    title = rowTitle ? rowTitle.firstChild.textContent.trim() : '';
    media.setAttribute('aria-label', title);
    if (nowTitle) nowTitle.textContent = title;
    total.textContent = row.dataset.duration || '--:--';
    root.style.setProperty('--pg-played', '0%');
    root.style.setProperty('--pg-buffered', '0%');
    stats.reset();
    showVideoButtons();
    media.load();
    if (andPlay) play();
    // a video row makes the visual taller: the host may need to grow the frame again
    root.dispatchEvent(new CustomEvent('pg:layout'));
    return true;
  };
  if (rows.length > 0) {
    title = rows[0].querySelector('.pg-row-title').firstChild.textContent.trim();
    root.classList.toggle('pg-showing-video', rows[0].dataset.kind === 'video');
    showVideoButtons();
    rows.forEach((row, i) => row.querySelector('.pg-row-play').addEventListener('click', () => load(i, true)));
    on('ended', () => { if (current + 1 < rows.length) load(current + 1, true); });
    const prev = $('.pg-prev');
    const next = $('.pg-next');
    if (prev) prev.addEventListener('click', () => { if (media.currentTime > 3) seekTo(0); else load(current - 1, !media.paused); });
    if (next) next.addEventListener('click', () => load(current + 1, true));
  }

  // options: start offset, autoplay (muted unless a click just asked for it; the UI offers unmute)
  const start = Number.parseInt(root.dataset.start || '0', 10);
  if (start > 0) {
    const seekStart = () => { try { media.currentTime = start; } catch (e) { /* not seekable yet */ } };
    if (media.readyState >= 1) seekStart(); else media.addEventListener('loadedmetadata', seekStart, { once: true });
  }
  if (root.dataset.autoplay === '1') {
    const gesture = navigator.userActivation && navigator.userActivation.isActive;
    if (!gesture) media.muted = true;
    Promise.resolve(media.play()).catch(() => { media.muted = true; return media.play(); }).catch(() => {})
      .finally(() => { unmuteBtn.hidden = !media.muted; });
  }

  const api = {
    play: () => { play(); },
    pause: () => media.pause(),
    getPaused: () => media.paused,
    mute: () => { media.muted = true; },
    unmute: () => { media.muted = false; },
    getMuted: () => media.muted,
    setVolume: (v) => { if (Number.isFinite(v)) setVolume(v / 100); },
    getVolume: () => Math.round(media.volume * 100),
    getDuration: () => (Number.isFinite(media.duration) ? media.duration : 0),
    setCurrentTime: (v) => { if (Number.isFinite(v)) seekTo(v); },
    getCurrentTime: () => media.currentTime,
    setLoop: (v) => { media.loop = v === true || v === 'true'; },
    getLoop: () => media.loop,
    next: () => { load(current + 1, true); },
    previous: () => { load(current - 1, true); },
  };
  return { root, get media() { return media; }, on, rows, api };
}

/** Asks the host page (embed.js) for the height that shows the whole track list of a large collection player. */
let lastRequestedHeight = 0;
function requestResize(player) {
  const list = player.root.querySelector('.pg-tracklist');
  if (!framed || !list || !player.root.classList.contains('pg-layout-large')) return;
  const wanted = Math.min(MAX_RESIZE_PX, Math.ceil(window.innerHeight - list.clientHeight + list.scrollHeight));
  if (wanted > window.innerHeight + 1 && wanted !== lastRequestedHeight) {
    lastRequestedHeight = wanted;
    window.parent.postMessage(JSON.stringify({ context: 'playgate', event: 'resize', value: { height: wanted } }), '*');
  }
}

/** Layout settles after fonts, images and the host's own sizing: ask again whenever the list's box changes. */
function watchSize(player) {
  const list = player.root.querySelector('.pg-tracklist');
  if (!framed || !list) return;
  requestResize(player);
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => requestResize(player)).observe(list);
  window.addEventListener('load', () => requestResize(player));
  player.root.addEventListener('pg:layout', () => requestAnimationFrame(() => requestResize(player)));
}

const players = Array.from(document.querySelectorAll('.pg-player')).map(setup).filter((p) => p !== null);
if (players.length > 0) {
  const main = players[0];
  const channel = controlApi(main.api);
  const position = (media) => ({ seconds: media.currentTime, duration: Number.isFinite(media.duration) ? media.duration : 0 });
  main.on('play', () => channel.emit('play'));
  main.on('pause', () => channel.emit('pause'));
  main.on('ended', () => channel.emit('ended'));
  main.on('timeupdate', (e) => channel.emit('timeupdate', position(e.currentTarget)));
  main.on('seeked', (e) => channel.emit('seeked', position(e.currentTarget)));
  main.on('progress', (e) => {
    const media = e.currentTarget;
    const d = media.duration;
    const b = media.buffered;
    if (Number.isFinite(d) && d > 0 && b.length > 0) channel.emit('progress', { percent: b.end(b.length - 1) / d });
  });
  main.on('error', (e) => channel.emit('error', { code: e.currentTarget.error ? e.currentTarget.error.code : 0 }));
  channel.ready();
  watchSize(main);
}
