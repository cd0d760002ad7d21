// Playgate player: plays a track or video, and walks an album or playlist (click a row, auto-advance).
// Reads everything from the page's markup (no inline script, no eval); safe under script-src 'self'.
const HEX6 = /^[0-9a-f]{6}$/;

function setup(root) {
  const accent = root.dataset.accent;
  if (accent && HEX6.test(accent)) {
    document.documentElement.style.setProperty('--pg-accent', '#' + accent);
  }
  const media = root.querySelector('.pg-media');
  if (!media) return;
  media.addEventListener('play', () => root.classList.add('pg-playing'));
  media.addEventListener('pause', () => root.classList.remove('pg-playing'));
  const start = Number.parseInt(root.dataset.start || '0', 10);
  if (start > 0) {
    const seek = () => { try { media.currentTime = start; } catch (e) { /* not seekable yet */ } };
    if (media.readyState >= 1) seek(); else media.addEventListener('loadedmetadata', seek, { once: true });
  }
  if (root.dataset.autoplay === '1') {
    media.muted = true;
    media.play().catch(() => {});
  }
  const rows = Array.from(root.querySelectorAll('.pg-row'));
  if (rows.length === 0) return;

  let current = 0;
  const load = (index, play) => {
    if (index < 0 || index >= rows.length) return;
    const row = rows[index];
    rows.forEach((r, i) => {
      r.classList.toggle('pg-current', i === index);
      const b = r.querySelector('.pg-row-play');
      if (i === index) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    });
    current = index;
    media.pause();
    media.replaceChildren(row.querySelector('template.pg-sources').content.cloneNode(true));
    const isVideo = row.dataset.kind === 'video';
    media.classList.toggle('pg-audio-only', !isVideo);
    if (isVideo && row.dataset.poster) media.poster = row.dataset.poster; else media.removeAttribute('poster');
    const title = row.querySelector('.pg-row-title');
    media.setAttribute('aria-label', title ? title.textContent.trim() : '');
    media.load();
    if (play) media.play().catch(() => {});
  };
  rows.forEach((row, i) => row.querySelector('.pg-row-play').addEventListener('click', () => load(i, true)));
  media.addEventListener('ended', () => { if (current + 1 < rows.length) load(current + 1, true); });
  root.playgate = { next: () => load(current + 1, true), previous: () => load(current - 1, true), load };
}

document.querySelectorAll('.pg-player').forEach(setup);
