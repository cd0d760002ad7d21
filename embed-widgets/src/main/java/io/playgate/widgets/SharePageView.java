package io.playgate.widgets;

import org.jspecify.annotations.Nullable;

/**
 * The share page ({@code /media/{id}}): Open Graph, Twitter player card, oEmbed discovery and a full-size player.
 *
 * @param player the player to show
 * @param canonicalUrl this page's public URL
 * @param description plain-text description, or {@code null}
 * @param siteName {@code og:site_name}
 * @param ogType Open Graph type, e.g. {@code music.song}, {@code video.other}
 * @param embedUrl the iframe player URL for the Twitter player card
 * @param oembedJsonUrl discovery link, JSON
 * @param oembedXmlUrl discovery link, XML
 * @param firstStream the first playable stream ({@code og:audio}/{@code og:video}), or {@code null}
 */
public record SharePageView(PlayerView player, String canonicalUrl, @Nullable String description, String siteName,
    String ogType, String embedUrl, String oembedJsonUrl, String oembedXmlUrl,
    PlayerView.@Nullable Source firstStream) {
}
