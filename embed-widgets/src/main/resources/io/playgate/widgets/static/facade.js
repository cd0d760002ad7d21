// Click-to-load placeholder: swaps in the inert <template> player and only then loads the player module.
for (const root of document.querySelectorAll('.pg-facade-root')) {
  const a = root.dataset.accent;
  if (a && /^[0-9a-f]{6}$/.test(a)) document.documentElement.style.setProperty('--pg-accent', '#' + a);
  root.querySelector('.pg-facade').addEventListener('click', (e) => {
    e.preventDefault();
    const player = root.querySelector('template.pg-facade-player').content.cloneNode(true);
    const src = root.dataset.playerJs;
    root.replaceWith(player);
    import(src).then(() => document.querySelector('.pg-play')?.focus());
  }, { once: true });
}
