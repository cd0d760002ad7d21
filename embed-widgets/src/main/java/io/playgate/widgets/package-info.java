/**
 * The player front end shared by the gateway's player pages ({@code /embed/{id}}) and share pages
 * ({@code /media/{id}}): view models that the precompiled, HTML-auto-escaping jte templates render, the player
 * options (ARCHITECTURE.md, "Public contracts"), the player's natural sizes and the oEmbed size clamp, the site
 * icons, and the content-hashed static assets (JS, CSS). No Vert.x and no hub types here: the gateway maps its
 * MediaItems to these views.
 */
@NullMarked
package io.playgate.widgets;

import org.jspecify.annotations.NullMarked;
