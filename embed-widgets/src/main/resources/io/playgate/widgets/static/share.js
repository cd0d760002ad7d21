// Playgate share page: the Embed panel. The snippet is never built here: each change of the choices asks the
// gateway's own /oembed for the chosen options and shows its "html" as it is (oEmbed 1.0 §2.3.4), so the code
// people copy is exactly what oEmbed consumers get. Without this script the panel shows the default snippet.

const MAX_START_SECONDS = 86400;
const DEBOUNCE_MS = 150;

const panel = document.querySelector('.pg-embed-panel');
if (panel) setup(panel);

function setup(panel) {
  const $ = (selector) => panel.querySelector(selector);
  const choices = $('.pg-embed-choices');
  const code = $('#pg-embed-code');
  const copy = $('#pg-embed-copy');
  const status = $('#pg-embed-status');
  const colorOn = $('#pg-embed-color-on');
  const color = $('#pg-embed-color');
  const start = $('#pg-embed-start');
  const startTime = $('#pg-embed-start-time');
  const media = () => document.querySelector('.pg-media');
  let startSeconds = 0;
  let asked = 0;
  let timer = 0;

  choices.hidden = false;
  copy.hidden = false;
  code.dataset.query = '';

  function query() {
    const params = [];
    const size = $('#pg-embed-size').value;
    if (size) params.push(size);
    const theme = panel.querySelector('input[name="pg-embed-theme"]:checked').value;
    if (theme !== 'auto') params.push('theme=' + theme);
    if (colorOn.checked) params.push('color=' + color.value.replace('#', '').toLowerCase());
    if (start && start.checked && startSeconds > 0) params.push('start=' + startSeconds);
    if ($('#pg-embed-facade').checked) params.push('facade=1');
    return params.join('&');
  }

  async function refresh() {
    const mine = ++asked;
    const q = query();
    panel.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(panel.dataset.oembed + (q ? '&' + q : ''), {headers: {Accept: 'application/json'}});
      if (!response.ok) throw new Error('the gateway answered ' + response.status);
      const answer = await response.json();
      if (mine !== asked) return;
      code.value = answer.html;
      code.dataset.query = q;
      status.textContent = '';
    } catch (e) {
      if (mine === asked) status.textContent = 'Could not update the embed code: ' + e.message + '.';
    } finally {
      if (mine === asked) panel.removeAttribute('aria-busy');
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  }

  function readStartTime() {
    const m = media();
    const t = m && Number.isFinite(m.currentTime) ? Math.floor(m.currentTime) : 0;
    startSeconds = Math.min(Math.max(t, 0), MAX_START_SECONDS);
    startTime.textContent = clock(startSeconds);
  }

  colorOn.addEventListener('change', () => { color.disabled = !colorOn.checked; });
  if (start) {
    start.addEventListener('change', readStartTime);
    // the player may be swapped (a facade's click); listen on the document for its media events
    for (const type of ['pause', 'seeked', 'timeupdate']) {
      document.addEventListener(type, (e) => {
        if (e.target !== media()) return;
        if (!start.checked) {
          readStartTime(); // the label shows where a new snippet would start
        } else if (type !== 'timeupdate') {
          readStartTime();
          schedule();
        }
      }, true);
    }
  }
  choices.addEventListener('change', schedule);
  color.addEventListener('input', () => { if (colorOn.checked) schedule(); });
  copy.addEventListener('click', () => copyCode(code, status));
}

async function copyCode(code, status) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(code.value);
      status.textContent = 'Copied the embed code.';
      return;
    } catch (e) {
      // refused (no permission, page not focused): select it for the person to copy
    }
  }
  code.focus();
  code.select();
  status.textContent = 'Embed code selected: press Ctrl+C (⌘C on a Mac) to copy it.';
}

function clock(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
}
