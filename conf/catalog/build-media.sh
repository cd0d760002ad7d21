#!/usr/bin/env bash
# Rebuilds the Playgate demo media catalogue from Debian packages:
#
#   conf/catalog/media/{audio,video,art}/...   transcoded renditions + artwork
#   conf/catalog/catalog.json                  the {"media": [...]} contract read by the hub
#   conf/catalog/CREDITS.md                    sources, authors, licences, processing
#
# Usage:  bash conf/catalog/build-media.sh      (needs apt-get; installs ffmpeg if missing)
#         bash conf/catalog/build-media.sh --peaks-only
#             only (re)computes media/peaks/*.json from the Opus files already under media/audio/ and sets each
#             track's "waveform" in catalog.json (no download; needs ffmpeg and python3)
#
# The data packages are only downloaded (`apt-get download`) and unpacked with
# `dpkg-deb -x` into a temporary directory; they are never installed.  Every
# duration, size and bitrate written to catalog.json is measured with ffprobe on
# the files this script produced, so the JSON cannot disagree with the media.
# The script is idempotent: each run rebuilds media/ from scratch and replaces it; with
# "-fflags +bitexact" the same Debian packages give byte-identical files.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

EXCERPT_S=${EXCERPT_S:-70}            # length of music excerpts (s), fade-out included
FADE_S=${FADE_S:-3}                   # fade-out at the end of an excerpt (s)
OPUS_KBPS=${OPUS_KBPS:-40}            # Opus in Ogg, stereo, 48 kHz
MP3_KBPS=${MP3_KBPS:-56}              # MP3 fallback, CBR, stereo, 32 kHz
TARGET_LUFS=${TARGET_LUFS:--14}       # every track is brought to this integrated loudness (EBU R128)
VIDEO_MAX_S=${VIDEO_MAX_S:-30}        # video clips are cut to at most this length
PEAKS_PER_S=${PEAKS_PER_S:-10}         # waveform peaks per second of audio (hub API "waveform" extension)
UPDATED_AT=${UPDATED_AT:-2026-11-29T00:00:00Z}   # fixed so that rebuilds are reproducible
BUDGET_BYTES=$((15 * 1000 * 1000))    # everything under media/ together
MAX_FILE_BYTES=$((3 * 1000 * 1000))   # any single file

PKGS=(
  fretsonfire-songs-sectoid
  fretsonfire-songs-muldjord
  pink-pony-data
  python-nbsphinx-doc
  golang-github-gabriel-vasile-mimetype-dev
  python3-imageio
  wordpress-theme-twentytwentytwo
  fonts-dejavu-core            # only its DejaVuSans-Bold.ttf, to print song titles into the label artwork
)

log() { printf '[build-media] %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------
if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null; then
  log "installing ffmpeg"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y ffmpeg
fi
command -v python3 >/dev/null || { apt-get update; DEBIAN_FRONTEND=noninteractive apt-get install -y python3; }

FF=(ffmpeg -hide_banner -loglevel error -nostdin -y)
BX=(-fflags +bitexact)   # output option: no random Ogg serials / Matroska UIDs, no version strings

# --- waveform peaks ---------------------------------------------------------------------
# peaks_json IN OUT : the peaks JSON of the hub's "waveform" extension (ARCHITECTURE.md "Hub API v1"): a JSON array
# with, for each window of 1/PEAKS_PER_S s from 0 s, the largest absolute sample of either channel relative to full
# scale (0..1, two decimals), decoded from IN at 48 kHz stereo.
peaks_json() {
  "${FF[@]}" -i "$1" -map 0:a:0 -ac 2 -ar 48000 -f s16le -acodec pcm_s16le - | python3 -c '
import array, sys
per_s = int(sys.argv[1])
pcm = array.array("h", sys.stdin.buffer.read())
if sys.byteorder != "little":
    pcm.byteswap()
window = 2 * 48000 // per_s
peaks = []
for i in range(0, len(pcm), window):
    chunk = pcm[i:i + window]
    peaks.append(round(max(max(chunk), -min(chunk)) / 32768, 2))
sys.stdout.write("[" + ",".join("%g" % p for p in peaks) + "]\n")
' "$PEAKS_PER_S" >"$2"
}

# set_waveforms CATALOG : every track whose Opus stream is media/audio/X.opus gets
# "waveform": {"url": "media/peaks/X.json", "samplesPerSecond": PEAKS_PER_S}, right after its "streams"
set_waveforms() {
  python3 - "$1" "$PEAKS_PER_S" <<'PY'
import json, re, sys
from collections import OrderedDict
path, per_s = sys.argv[1], int(sys.argv[2])
catalog = json.load(open(path, encoding="utf-8"), object_pairs_hook=OrderedDict)
for item in catalog["media"]:
    opus = [s["url"] for s in item.get("streams", []) if re.fullmatch(r"media/audio/[^/]+\.opus", s["url"])]
    if item.get("kind") != "track" or not opus:
        continue
    wave = OrderedDict(url="media/peaks/%s.json" % opus[0][len("media/audio/"):-len(".opus")], samplesPerSecond=per_s)
    new = OrderedDict()
    for k, v in item.items():
        if k != "waveform":
            new[k] = v
        if k == "streams":
            new["waveform"] = wave
    item.clear(); item.update(new)
with open(path, "w", encoding="utf-8") as fh:
    json.dump(catalog, fh, ensure_ascii=False, indent=2)
    fh.write("\n")
PY
}

if [[ ${1:-} == --peaks-only ]]; then
  mkdir -p "$HERE/media/peaks"
  for f in "$HERE"/media/audio/*.opus; do
    id=$(basename "$f" .opus)
    log "peaks $id"
    peaks_json "$f" "$HERE/media/peaks/$id.json"
  done
  set_waveforms "$HERE/catalog.json"
  log "done: $(ls "$HERE/media/peaks" | wc -l) peaks files, waveforms set in $HERE/catalog.json"
  exit 0
fi

WORK=$(mktemp -d /tmp/playgate-media.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/debs" "$WORK/root" "$WORK/tmp" "$WORK/media/audio" "$WORK/media/video" "$WORK/media/art" "$WORK/media/peaks"
OUT="$WORK/media"
MANIFEST="$WORK/manifest.tsv"
: >"$MANIFEST"

# --- fetch + unpack (no installation) ---------------------------------------------
log "downloading ${#PKGS[@]} packages"
download() { (cd "$WORK/debs" && apt-get -q -o APT::Sandbox::User=root download "${PKGS[@]}"); }
if ! download >/dev/null; then
  log "apt-get download failed, refreshing package lists"
  apt-get update >/dev/null
  download >/dev/null
fi
: >"$WORK/versions.tsv"
for pkg in "${PKGS[@]}"; do
  deb=$(ls "$WORK/debs/${pkg}_"*.deb)
  mkdir -p "$WORK/root/$pkg"
  dpkg-deb -x "$deb" "$WORK/root/$pkg"
  printf '%s\t%s\t%s\n' "$pkg" "$(dpkg-deb -f "$deb" Version)" "$(dpkg-deb -f "$deb" Homepage)" >>"$WORK/versions.tsv"
done
src() { printf '%s/root/%s/%s' "$WORK" "$1" "$2"; }   # src PKG PATH-INSIDE-PACKAGE

# --- artwork ---------------------------------------------------------------------
# corner_colour FILE -> 0xRRGGBB of the pixel at (2,2), used to pad illustrations
# with their own flat background colour.
corner_colour() {
  "${FF[@]}" -i "$1" -vf "format=rgb24,crop=1:1:2:2" -frames:v 1 -f rawvideo - |
    od -An -tx1 | tr -d ' \n' | sed 's/^/0x/'
}
jpeg() { "${FF[@]}" -i "$1" -vf "$2,format=yuvj420p" -frames:v 1 -q:v "${4:-4}" -update 1 "${BX[@]}" "$3"; }

# art MODE NAME PKG PATH : writes media/art/NAME-600.jpg and NAME-300.jpg
#   pad      : fit inside the square, pad with the picture's own background colour
#   crop     : fill the square, centre crop
#   cropleft : fill the square, crop from the left edge
#   label    : Frets on Fire label.png (256x128 with a transparent title slot): flattened on the
#              song's cassettecolor, the song title (song.ini) printed into the slot as the game
#              does, centred over a blurred, darkened copy of itself
FONT() { src fonts-dejavu-core usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf; }
art() {
  local mode=$1 name=$2 pkg=$3 path=$4 file size vf bg ini cc fs
  file=$(src "$pkg" "$path")
  for size in 600 300; do
    case $mode in
      pad)
        bg=$(corner_colour "$file")
        vf="scale=${size}:${size}:force_original_aspect_ratio=decrease:flags=lanczos,pad=${size}:${size}:(ow-iw)/2:(oh-ih)/2:color=${bg},setsar=1" ;;
      crop)
        vf="scale=${size}:${size}:force_original_aspect_ratio=increase:flags=lanczos,crop=${size}:${size},setsar=1" ;;
      cropleft)
        vf="scale=${size}:${size}:force_original_aspect_ratio=increase:flags=lanczos,crop=${size}:${size}:0:(ih-oh)/2,setsar=1" ;;
      label)
        ini="$(dirname "$file")/song.ini"
        sed -n 's/^name *= *//p' "$ini" | tr -d '\r\n' >"$WORK/tmp/$name.title"
        cc=$(sed -n 's/^cassettecolor *= *#\?//p' "$ini" | tr -d '\r')
        # title slot of the 256x128 label: x 44..211, y 57..100 (measured from its alpha channel)
        fs=$(awk -v s="$size" -v n="$(wc -c <"$WORK/tmp/$name.title")" \
          'BEGIN { w = 160 * s / 256; h = 40 * s / 256; f = w / (0.68 * n); if (f > h * 0.6) f = h * 0.6; printf "%d", f }')
        vf="scale=${size}:-2:flags=lanczos,format=rgba[l];color=c=0x${cc:-111111}:s=${size}x$((size / 2))[c];[c][l]overlay=format=auto:shortest=1,"
        vf+="drawtext=fontfile=$(FONT):textfile=$WORK/tmp/$name.title:fontcolor=white:fontsize=${fs}:x=(127.5*${size}/256)-tw/2:y=(78.5*${size}/256)-th/2,"
        vf+="split[a][b];[a]scale=${size}:${size}:flags=bicubic,boxblur=20:2,colorchannelmixer=rr=0.45:gg=0.45:bb=0.45[bg];"
        vf+="[bg][b]overlay=(W-w)/2:(H-h)/2,setsar=1" ;;
    esac
    jpeg "$file" "$vf" "$OUT/art/${name}-${size}.jpg"
  done
  printf 'art\t%s\t%s\t%s\t%s\n' "$name" "$pkg" "$path" "$mode" >>"$MANIFEST"
}

# --- audio -----------------------------------------------------------------------
# level_wav IN OUT : linear gain to TARGET_LUFS (measured with ebur128), then a peak limiter at
# -1.5 dBFS so that boosts cannot clip and lossy encoding keeps headroom.
level_wav() {
  local in=$1 out=$2 lufs gain
  lufs=$(ffmpeg -hide_banner -nostdin -i "$in" -af ebur128=framelog=verbose -f null - 2>&1 |
    sed -n 's/^ *I: *\(-\?[0-9.]*\) LUFS.*/\1/p' | tail -1)
  gain=$(awk -v t="$TARGET_LUFS" -v i="$lufs" 'BEGIN { printf "%.2f", t - i }')
  log "  loudness $lufs LUFS -> gain $gain dB"
  "${FF[@]}" -i "$in" -af "volume=${gain}dB,alimiter=limit=0.841:level=0" -c:a pcm_f32le "$out"
}

# encode_audio ID WAV TITLE ARTIST ALBUM : Opus + MP3 renditions with tags
encode_audio() {
  local id=$1 wav=$2 title=$3 artist=$4 album=$5
  local tags=(-map_metadata -1 -metadata "title=$title" -metadata "artist=$artist")
  [[ -n $album ]] && tags+=(-metadata "album=$album")
  level_wav "$wav" "$wav.lev.wav"
  wav="$wav.lev.wav"
  "${FF[@]}" -i "$wav" -map 0:a -c:a libopus -b:a "${OPUS_KBPS}k" -vbr constrained -application audio -ar 48000 -ac 2 \
    "${tags[@]}" "${BX[@]}" "$OUT/audio/$id.opus"
  "${FF[@]}" -i "$wav" -map 0:a -c:a libmp3lame -b:a "${MP3_KBPS}k" -ar 32000 -ac 2 -id3v2_version 3 \
    "${tags[@]}" "${BX[@]}" "$OUT/audio/$id.mp3"
  rm -f "$wav"
}

# fof_track ID ART PKG SONG-DIR : mixes the Frets-on-Fire stems (song/guitar/rhythm.ogg)
# with amix normalize=0 (the sum the game plays), limits peaks to -1 dBFS, and cuts an
# excerpt of EXCERPT_S seconds with a FADE_S fade-out.
fof_track() {
  local id=$1 art=$2 pkg=$3 dir=$4 d ini title artist album stem n=0 inputs=()
  d=$(src "$pkg" "$dir")
  for stem in song guitar rhythm drums; do
    if [[ -f "$d/$stem.ogg" ]]; then inputs+=(-i "$d/$stem.ogg"); n=$((n + 1)); fi
  done
  ini="$d/song.ini"
  title=$(sed -n 's/^name *= *//p' "$ini" | tr -d '\r')
  artist=$(sed -n 's/^artist *= *//p' "$ini" | tr -d '\r' | sed -e 's/^Composed and performed by //' -e 's/ - .*$//')
  album=$(sed -n 's/^name *= *//p' "$(dirname "$d")/library.ini" | tr -d '\r')
  log "track $id: mixing $n stems, ${EXCERPT_S}s excerpt"
  "${FF[@]}" "${inputs[@]}" -filter_complex \
    "amix=inputs=${n}:normalize=0:duration=longest,atrim=0:${EXCERPT_S},asetpts=N/SR/TB,alimiter=limit=0.891:level=0,afade=t=out:st=$((EXCERPT_S - FADE_S)):d=${FADE_S}" \
    -c:a pcm_f32le "$WORK/tmp/$id.wav"
  encode_audio "$id" "$WORK/tmp/$id.wav" "$title" "$artist" "$album"
  rm -f "$WORK/tmp/$id.wav"
  printf 'track\t%s\t%s\t%s\t%s\tfof\t%s\n' "$id" "$pkg" "$dir" "$art" "$n" >>"$MANIFEST"
}

# file_track ID ART PKG FILE MODE : a single audio file; MODE=excerpt or full
file_track() {
  local id=$1 art=$2 pkg=$3 path=$4 mode=$5 f af title artist album
  f=$(src "$pkg" "$path")
  title=$(ffprobe -v error -show_entries format_tags=title -of default=nw=1:nk=1 "$f" || true)
  artist=$(ffprobe -v error -show_entries format_tags=artist -of default=nw=1:nk=1 "$f" || true)
  album=$(ffprobe -v error -show_entries format_tags=album -of default=nw=1:nk=1 "$f" || true)
  if [[ $mode == excerpt ]]; then
    af="atrim=0:${EXCERPT_S},asetpts=N/SR/TB,afade=t=out:st=$((EXCERPT_S - FADE_S)):d=${FADE_S}"
  else
    af="anull"
  fi
  log "track $id: $mode"
  "${FF[@]}" -i "$f" -map 0:a:0 -af "$af" -c:a pcm_f32le "$WORK/tmp/$id.wav"
  encode_audio "$id" "$WORK/tmp/$id.wav" "${title:-${6:-}}" "${artist:-${7:-}}" "$album"
  rm -f "$WORK/tmp/$id.wav"
  printf 'track\t%s\t%s\t%s\t%s\t%s\t1\n' "$id" "$pkg" "$path" "$art" "$mode" >>"$MANIFEST"
}

# --- video -----------------------------------------------------------------------
# video ID PKG FILE WIDTH HEIGHT AUDIO(yes|no) POSTER-SECONDS VP9-MAXKBPS
# WebM (VP9 + Opus) and MP4 (H.264 Main + AAC-LC, faststart), yuv420p, plus a poster JPEG.
video() {
  local id=$1 pkg=$2 path=$3 w=$4 h=$5 audio=$6 poster_t=$7 vkbps=$8 f vf
  f=$(src "$pkg" "$path")
  vf="scale=${w}:${h}:flags=lanczos,setsar=1,format=yuv420p"
  local a_webm=(-an) a_mp4=(-an)
  if [[ $audio == yes ]]; then
    a_webm=(-map 0:a:0 -c:a libopus -b:a 64k -ac 2 -ar 48000)
    a_mp4=(-map 0:a:0 -c:a aac -b:a 64k -ac 2 -ar 48000)
  fi
  log "video $id: ${w}x${h}, audio=$audio"
  "${FF[@]}" -i "$f" -t "$VIDEO_MAX_S" -map 0:v:0 -vf "$vf" \
    -c:v libvpx-vp9 -crf 34 -b:v "${vkbps}k" -deadline good -cpu-used 2 -row-mt 1 -g 120 \
    "${a_webm[@]}" -map_metadata -1 "${BX[@]}" "$OUT/video/$id.webm"
  "${FF[@]}" -i "$f" -t "$VIDEO_MAX_S" -map 0:v:0 -vf "$vf" \
    -c:v libx264 -preset slow -profile:v main -level:v 3.0 -crf 25 \
    -maxrate "$((vkbps * 3 / 2))k" -bufsize "$((vkbps * 3))k" -pix_fmt yuv420p \
    "${a_mp4[@]}" -map_metadata -1 -movflags +faststart "${BX[@]}" "$OUT/video/$id.mp4"
  "${FF[@]}" -i "$f" -ss "$poster_t" -vf "scale=${w}:${h}:flags=lanczos,setsar=1,format=yuvj420p" \
    -frames:v 1 -q:v 3 -update 1 "${BX[@]}" "$OUT/art/$id-poster.jpg"
  printf 'video\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$pkg" "$path" "$audio" "$poster_t" "$vkbps" >>"$MANIFEST"
}

# --- the catalogue ----------------------------------------------------------------
WP=usr/share/wordpress/wp-content/themes/twentytwentytwo/assets/images
FOF=usr/share/games/fretsonfire/data/songs

log "artwork"
art pad   sectoid-escape-from-chaosland  wordpress-theme-twentytwentytwo "$WP/bird-on-black.jpg"
art pad   sectoid-feelings               wordpress-theme-twentytwentytwo "$WP/bird-on-gray.jpg"
art pad   sectoid-metal-madness          wordpress-theme-twentytwentytwo "$WP/bird-on-green.jpg"
art pad   sectoid-war-of-freedom         wordpress-theme-twentytwentytwo "$WP/bird-on-salmon.jpg"
art crop  sectoid-fof                    wordpress-theme-twentytwentytwo "$WP/flight-path-on-gray-c.jpg"
art pad   renich-to-be-happy             wordpress-theme-twentytwentytwo "$WP/flight-path-on-salmon.jpg"
art cropleft gloumouth1-descente-infinie    wordpress-theme-twentytwentytwo "$WP/ducks.jpg"
art pad   playgate-demo-mix              wordpress-theme-twentytwentytwo "$WP/flight-path-on-gray-a.jpg"
art label muldjord-armygeddon            fretsonfire-songs-muldjord "$FOF/muldjord/armygeddon/label.png"
art label muldjord-chaos-god             fretsonfire-songs-muldjord "$FOF/muldjord/chaos_god/label.png"
art label muldjord-internal-degeneration fretsonfire-songs-muldjord "$FOF/muldjord/internal_degeneration/label.png"
art label muldjord-mutilated-mime        fretsonfire-songs-muldjord "$FOF/muldjord/mutilated_mime/label.png"

# id                              artwork                          package                     song folder
fof_track sectoid-escape-from-chaosland  sectoid-escape-from-chaosland  fretsonfire-songs-sectoid  "$FOF/sectoid/Escape from chaosland"
fof_track sectoid-feelings               sectoid-feelings               fretsonfire-songs-sectoid  "$FOF/sectoid/Feelings"
fof_track sectoid-metal-madness          sectoid-metal-madness          fretsonfire-songs-sectoid  "$FOF/sectoid/Metal madness"
fof_track sectoid-war-of-freedom         sectoid-war-of-freedom         fretsonfire-songs-sectoid  "$FOF/sectoid/War of freedom"
fof_track muldjord-armygeddon            muldjord-armygeddon            fretsonfire-songs-muldjord "$FOF/muldjord/armygeddon"
fof_track muldjord-chaos-god             muldjord-chaos-god             fretsonfire-songs-muldjord "$FOF/muldjord/chaos_god"
fof_track muldjord-internal-degeneration muldjord-internal-degeneration fretsonfire-songs-muldjord "$FOF/muldjord/internal_degeneration"
fof_track muldjord-mutilated-mime        muldjord-mutilated-mime        fretsonfire-songs-muldjord "$FOF/muldjord/mutilated_mime"
# "To be happy" carries ID3 tags (title/artist/album); DescenteInfinie.ogg has none, its
# title is the Wikimedia Commons file name and its author is named in debian/copyright.
file_track renich-to-be-happy          renich-to-be-happy          pink-pony-data      "usr/share/games/pink-pony/music/To be happy.mp3" excerpt
file_track gloumouth1-descente-infinie gloumouth1-descente-infinie python-nbsphinx-doc "usr/share/doc/python-nbsphinx/html/www/wikimediacommons/DescenteInfinie.ogg" full "Descente infinie" gloumouth1

# id                      package                                    file                                                                 w   h   audio poster kbps
video french-grand-prix-1906 python-nbsphinx-doc "usr/share/doc/python-nbsphinx/html/www/wikimediacommons/Shepard_Calais_1906_FrenchGP.ogv.160p.ogv" 428 320 no 16 300
video big-buck-bunny         golang-github-gabriel-vasile-mimetype-dev "usr/share/gocode/src/github.com/gabriel-vasile/mimetype/testdata/mkv.mkv" 640 360 yes 2.5 600
# cockatoo.mp4's audio track is digital silence (-91 dB): video-only renditions.
video imageio-cockatoo       python3-imageio "usr/lib/python3/dist-packages/imageio/resources/images/cockatoo.mp4" 640 360 no 12 450

# --- waveform peaks of every track ---------------------------------------------------------
for f in "$OUT"/audio/*.opus; do
  peaks_json "$f" "$OUT/peaks/$(basename "$f" .opus).json"
done

# --- budget ----------------------------------------------------------------------
total=$(du -cb "$OUT" | tail -1 | cut -f1)
log "media total: $total bytes"
if ((total > BUDGET_BYTES)); then log "ERROR: media exceeds budget of $BUDGET_BYTES bytes"; exit 1; fi
big=$(find "$OUT" -type f -size +"${MAX_FILE_BYTES}"c)
if [[ -n $big ]]; then log "ERROR: files over $MAX_FILE_BYTES bytes: $big"; exit 1; fi

# --- catalog.json + CREDITS.md ---------------------------------------------------------
python3 - "$WORK" "$OUT" "$HERE" "$UPDATED_AT" "$EXCERPT_S" "$FADE_S" "$TARGET_LUFS" "$PEAKS_PER_S" <<'PY'
import json, os, re, subprocess, sys
from collections import OrderedDict

work, out, here, updated_at, excerpt_s, fade_s, lufs, peaks_per_s = sys.argv[1:9]
excerpt_s, fade_s, peaks_per_s = int(excerpt_s), int(fade_s), int(peaks_per_s)

versions = {}
for line in open(os.path.join(work, "versions.tsv")):
    pkg, ver, home = (line.rstrip("\n").split("\t") + ["", ""])[:3]
    versions[pkg] = (ver, home)

manifest = [l.rstrip("\n").split("\t") for l in open(os.path.join(work, "manifest.tsv")) if l.strip()]

def probe(path):
    r = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path],
                       check=True, capture_output=True, text=True)
    return json.loads(r.stdout)

def rel(name):           # URL relative to conf/catalog
    return "media/" + name

def fpath(url):
    return os.path.join(out, url[len("media/"):])

def stream_entry(url, mime):
    p = probe(fpath(url))
    kbps = round(int(p["format"]["bit_rate"]) / 1000)
    return {"url": url, "mimeType": mime, "bitrateKbps": kbps}, float(p["format"]["duration"]), p

def image_entry(url):
    s = probe(fpath(url))["streams"][0]
    return {"url": url, "width": int(s["width"]), "height": int(s["height"])}

def avc1_codec(mp4):
    """RFC 6381 avc1.PPCCLL string, read from the avcC box of the file we wrote."""
    data = open(mp4, "rb").read()
    i = data.find(b"avcC")
    if i < 0:
        raise SystemExit("no avcC box in " + mp4)
    prof, compat, level = data[i + 5], data[i + 6], data[i + 7]
    return "avc1.%02X%02X%02X" % (prof, compat, level)

def src_text(pkg, path):
    return open(os.path.join(work, "root", pkg, path), encoding="utf-8", errors="replace").read()

# ---- licences ----------------------------------------------------------------
LIC = {
    "MIT": ("MIT", "https://opensource.org/licenses/MIT"),
    "CC-BY-SA-3.0": ("CC-BY-SA-3.0", "https://creativecommons.org/licenses/by-sa/3.0/"),
    "CC-BY-3.0": ("CC-BY-3.0", "https://creativecommons.org/licenses/by/3.0/"),
    "BSD-2-Clause": ("BSD-2-Clause", "https://opensource.org/licenses/BSD-2-Clause"),
    "Public-Domain": ("Public-Domain", "https://creativecommons.org/publicdomain/mark/1.0/"),
    "CC0-1.0": ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
def licence(key, attribution):
    name, url = LIC[key]
    return {"name": name, "url": url, "attribution": attribution}

# Per source package: who made the audio/video and under which licence
# (from each package's /usr/share/doc/<pkg>/copyright, quoted in CREDITS.md).
PKG_INFO = {
    "fretsonfire-songs-sectoid": dict(lic="MIT", author="Sectoid (Carlos Viola Iborra)", artist_url=None,
                                      album_id="sectoid-fof"),
    "fretsonfire-songs-muldjord": dict(lic="CC-BY-SA-3.0", author="Muldjord (El Senator)",
                                       artist_url="http://www.muldjord.com/", album_id="muldjord-fof"),
    "pink-pony-data": dict(lic="CC-BY-SA-3.0", author="Renich", artist_url="http://www.jamendo.com/en/artist/Renich",
                           album_id=None),
    "python-nbsphinx-doc": dict(lic="CC-BY-SA-3.0", author="gloumouth1", artist_url=None, album_id=None),
}
LIC_SHORT = {"MIT": "MIT licence", "CC-BY-SA-3.0": "CC BY-SA 3.0", "CC-BY-3.0": "CC BY 3.0",
             "BSD-2-Clause": "BSD 2-Clause licence", "Public-Domain": "public domain", "CC0-1.0": "CC0 1.0"}

# ---- artwork ------------------------------------------------------------------
ART_SRC = {}     # art name -> (pkg, path, mode)
for row in manifest:
    if row[0] == "art":
        ART_SRC[row[1]] = (row[2], row[3], row[4])

def artwork(name):
    return [image_entry(rel("art/%s-600.jpg" % name)), image_entry(rel("art/%s-300.jpg" % name))]

ART_CREDIT = {   # illustration credits from the Twenty Twenty-Two theme's readme.txt
    "bird-on-black.jpg": ("hummingbird illustration (vintage, colourful hummingbird series)", "CC0-1.0"),
    "bird-on-gray.jpg": ("hummingbird illustration (vintage, colourful hummingbird series)", "CC0-1.0"),
    "bird-on-green.jpg": ("hummingbird illustration (vintage, colourful hummingbird series)", "CC0-1.0"),
    "bird-on-salmon.jpg": ("\"Green-tailed Jacamar\" by Jacques Barraband", "CC0-1.0"),
    "flight-path-on-gray-c.jpg": ("hummingbird illustration with \"flight path\" by the Twenty Twenty-Two designers", "CC0-1.0"),
    "flight-path-on-salmon.jpg": ("\"White Bellied Flycatcher\" by Elizabeth Gould (public domain), flight-path version made for Twenty Twenty-Two", "CC0-1.0"),
    "flight-path-on-gray-a.jpg": ("\"White Bellied Flycatcher\" by Elizabeth Gould (public domain), flight-path version made for Twenty Twenty-Two", "CC0-1.0"),
    "ducks.jpg": ("\"Ducks\" by Goyō Hashiguchi", "CC0-1.0"),
    "label.png": ("Frets on Fire song label by Muldjord (El Senator)", "CC-BY-SA-3.0"),
}
ART_MODE_TEXT = {"pad": "scaled to fit, padded to a square with its own background colour",
                 "crop": "scaled and centre-cropped to a square",
                 "cropleft": "scaled and cropped to a square from the left edge",
                 "label": "256x128 label flattened on the song's cassettecolor, song title (from song.ini) printed "
                          "into its empty title slot in DejaVu Sans Bold (package fonts-dejavu-core), centred over a "
                          "blurred, darkened copy of itself"}

media = []
credits_rows = []
durations = {}

def check_close(id_, durs):
    if max(durs) - min(durs) > 0.15:
        print("WARNING: %s renditions differ in duration: %s" % (id_, durs), file=sys.stderr)

# ---- tracks ---------------------------------------------------------------------
tracks = []
for row in manifest:
    if row[0] != "track":
        continue
    _, id_, pkg, path, art, mode, nstems = row
    info = PKG_INFO[pkg]
    opus, d_opus, p_opus = stream_entry(rel("audio/%s.opus" % id_), "audio/ogg; codecs=opus")
    mp3, d_mp3, _ = stream_entry(rel("audio/%s.mp3" % id_), "audio/mpeg")
    check_close(id_, [d_opus, d_mp3])
    tags = p_opus["format"].get("tags", {})
    tags = {k.lower(): v for k, v in tags.items()}
    # the Opus stream tags live on the stream in Ogg
    for s in p_opus["streams"]:
        tags.update({k.lower(): v for k, v in s.get("tags", {}).items()})
    title, artist = tags["title"], tags["artist"]
    dur_ms = int(round(d_opus * 1000))
    src_file = os.path.join(work, "root", pkg, path)
    if mode == "fof":
        stems = [s for s in ("song", "guitar", "rhythm", "drums") if os.path.exists(os.path.join(src_file, s + ".ogg"))]
        orig = float(probe(os.path.join(src_file, "song.ogg"))["format"]["duration"])
        what = "excerpt: the first %d s (with a %d s fade-out) of the %d:%02d song; game stems %s mixed" % (
            excerpt_s, fade_s, int(orig) // 60, int(orig) % 60, " + ".join(s + ".ogg" for s in stems))
        src_paths = ["/" + path + "/" + s + ".ogg" for s in stems]
        processing = "mixed stems %s (ffmpeg amix, normalize=0, peak limiter at -1 dBFS); first %d s with %d s fade-out" % (
            " + ".join(s + ".ogg" for s in stems), excerpt_s, fade_s)
    else:
        orig = float(probe(src_file)["format"]["duration"])
        src_paths = ["/" + path]
        if mode == "excerpt":
            what = "excerpt: the first %d s (with a %d s fade-out) of the %d:%02d track" % (excerpt_s, fade_s, int(orig) // 60, int(orig) % 60)
            processing = "first %d s with %d s fade-out" % (excerpt_s, fade_s)
        else:
            what = "complete recording, %d s" % round(orig)
            processing = "complete"
    processing += "; loudness set to %s LUFS (linear gain + limiter at -1.5 dBFS); transcoded to Opus + MP3" % lufs
    item = OrderedDict(id=id_, kind="track", title=title)
    item["artist"] = OrderedDict(name=artist)
    if info["artist_url"]:
        item["artist"]["url"] = info["artist_url"]
    tracks.append((pkg, title, item))
    desc = {"fretsonfire-songs-sectoid": "Song by Sectoid from his Frets on Fire song pack",
            "fretsonfire-songs-muldjord": "Metal song by Muldjord from their Frets on Fire song pack",
            "pink-pony-data": "Instrumental by Renich (album \"%s\", 2007), the in-game music of Pink Pony" % tags.get("album", "Nocturnal Overtures"),
            "python-nbsphinx-doc": "Instrumental by gloumouth1 (Wikimedia Commons \"DescenteInfinie.ogg\", made with Sonic Foundry ACID 4 according to its Vorbis comment), the audio example of the nbsphinx documentation"}[pkg]
    item["durationMs"] = dur_ms
    item["description"] = "%s. %s." % (desc, what[0].upper() + what[1:])
    item["artwork"] = artwork(art)
    item["streams"] = [opus, mp3]
    item["waveform"] = OrderedDict(url=rel("peaks/%s.json" % id_), samplesPerSecond=peaks_per_s)
    item["embeddable"] = True
    item["territories"] = ["*"]
    item["explicit"] = False
    attribution = "\"%s\" by %s, from Debian package %s, %s" % (title, info["author"], pkg, LIC_SHORT[info["lic"]])
    if mode in ("fof", "excerpt"):
        attribution += "; modified: %s" % ("stems mixed, excerpt, transcoded" if mode == "fof" else "excerpt, transcoded")
    else:
        attribution += "; transcoded"
    item["license"] = licence(info["lic"], attribution)
    item["updatedAt"] = updated_at
    durations[id_] = dur_ms
    apkg, apath, amode = ART_SRC[art]
    credits_rows.append(dict(id=id_, kind="track", title=title, author=info["author"], lic=info["lic"],
                             pkg=pkg, paths=src_paths, processing=processing,
                             files=["audio/%s.opus" % id_, "audio/%s.mp3" % id_]))

# album membership + track numbers (alphabetical by title within each Frets on Fire pack)
albums = OrderedDict()
for pkg, title, item in tracks:
    aid = PKG_INFO[pkg]["album_id"]
    if aid:
        albums.setdefault(aid, (pkg, []))[1].append((title.lower(), item))
for aid, (pkg, lst) in albums.items():
    lst.sort(key=lambda t: t[0])
    lib = src_text(pkg, "usr/share/games/fretsonfire/data/songs/%s/library.ini" % aid.split("-")[0])
    album_title = re.search(r"^name\s*=\s*(.+)$", lib, re.M).group(1).strip()
    for n, (_, item) in enumerate(lst, 1):
        new = OrderedDict()
        for k, v in item.items():
            new[k] = v
            if k == "artist":
                new["album"] = OrderedDict(id=aid, title=album_title)
                new["trackNumber"] = n
        item.clear(); item.update(new)
    albums[aid] = (pkg, lst, album_title)

track_items = [it for _, _, it in tracks]
media.extend(track_items)

# ---- videos ---------------------------------------------------------------------
VIDEO_META = {
    "french-grand-prix-1906": dict(
        title="Shepard, Calais, 1906 French Grand Prix", artist="Unknown (1906 film)", artist_url=None, lic="Public-Domain",
        author="unknown 1906 film-maker (Wikimedia Commons, public domain)",
        desc="Silent archival film from 1906 (French Grand Prix): a racing car approaches along a board-lined road. "
             "Title taken from the Wikimedia Commons file name Shepard_Calais_1906_FrenchGP.ogv; "
             "160p source upscaled 2x; no audio track",
        attribution="\"Shepard_Calais_1906_FrenchGP.ogv\" (1906, public domain, via Wikimedia Commons), from Debian package python-nbsphinx-doc; upscaled and transcoded"),
    "big-buck-bunny": dict(
        title="Big Buck Bunny", artist="Blender Foundation", artist_url="http://www.bigbuckbunny.org/", lic="CC-BY-3.0",
        author="Blender Foundation / www.bigbuckbunny.org (2008)",
        desc="Short excerpt of the open movie Big Buck Bunny (2008): the bunny wakes up and steps out of his burrow",
        attribution="\"Big Buck Bunny\" (c) 2008 Blender Foundation / www.bigbuckbunny.org, CC BY 3.0, excerpt from Debian package golang-github-gabriel-vasile-mimetype-dev; downscaled, audio downmixed to stereo, transcoded"),
    "imageio-cockatoo": dict(
        title="Cockatoo", artist="imageio contributors", artist_url="http://imageio.github.io/", lic="BSD-2-Clause",
        author="imageio contributors (2015)",
        desc="A white cockatoo inspects the camera up close; the example video of the imageio library. "
             "Video only: the source's audio track is digital silence and was dropped",
        attribution="cockatoo.mp4, Copyright 2015 imageio contributors, BSD-2-Clause, from Debian package python3-imageio; downscaled, silent audio dropped, transcoded"),
}
video_items = []
for row in manifest:
    if row[0] != "video":
        continue
    _, id_, pkg, path, audio, poster_t, vkbps = row
    m = VIDEO_META[id_]
    webm_url, mp4_url = rel("video/%s.webm" % id_), rel("video/%s.mp4" % id_)
    codec = avc1_codec(fpath(mp4_url))
    if audio == "yes":
        webm_mime, mp4_mime = 'video/webm; codecs="vp9, opus"', 'video/mp4; codecs="%s, mp4a.40.2"' % codec
    else:
        webm_mime, mp4_mime = 'video/webm; codecs="vp9"', 'video/mp4; codecs="%s"' % codec
    webm, d_webm, p_webm = stream_entry(webm_url, webm_mime)
    mp4, d_mp4, p_mp4 = stream_entry(mp4_url, mp4_mime)
    check_close(id_, [d_webm, d_mp4])
    vs = [s for s in p_mp4["streams"] if s["codec_type"] == "video"][0]
    ws = [s for s in p_webm["streams"] if s["codec_type"] == "video"][0]
    assert (vs["width"], vs["height"]) == (ws["width"], ws["height"]), id_
    assert vs["codec_name"] == "h264" and ws["codec_name"] == "vp9" and vs["pix_fmt"] == "yuv420p"
    # durationMs: the video stream of the MP4 (exact frame count / rate)
    dur_ms = int(round(float(vs["duration"]) * 1000))
    src = os.path.join(work, "root", pkg, path)
    orig = float(probe(src)["format"]["duration"])
    item = OrderedDict(id=id_, kind="video", title=m["title"])
    item["artist"] = OrderedDict(name=m["artist"])
    if m["artist_url"]:
        item["artist"]["url"] = m["artist_url"]
    item["durationMs"] = dur_ms
    item["description"] = "%s (%.1f s clip)." % (m["desc"], dur_ms / 1000)
    item["artwork"] = [image_entry(rel("art/%s-poster.jpg" % id_))]
    item["streams"] = [webm, mp4]
    item["width"], item["height"] = int(vs["width"]), int(vs["height"])
    item["embeddable"] = True
    item["territories"] = ["*"]
    item["explicit"] = False
    item["license"] = licence(m["lic"], m["attribution"])
    item["updatedAt"] = updated_at
    durations[id_] = dur_ms
    video_items.append(item)
    span = ("complete clip (%.2f s)" % (dur_ms / 1000)) if dur_ms / 1000 >= orig - 0.1 else (
        "first %.2f s of %.2f s" % (dur_ms / 1000, orig))
    proc = "scaled to %dx%d (lanczos), %s; WebM VP9%s + MP4 H.264 Main%s (faststart); poster frame at %s s" % (
        item["width"], item["height"], span, " + Opus" if audio == "yes" else "",
        " + AAC-LC" if audio == "yes" else "", poster_t)
    if id_ == "imageio-cockatoo":
        proc += "; silent audio track dropped"
    if id_ == "big-buck-bunny":
        proc += "; 5.1 audio downmixed to stereo"
    credits_rows.append(dict(id=id_, kind="video", title=m["title"], author=m["author"], lic=m["lic"], pkg=pkg,
                             paths=["/" + path], processing=proc,
                             files=["video/%s.webm" % id_, "video/%s.mp4" % id_, "art/%s-poster.jpg" % id_]))
media.extend(video_items)

# ---- albums -----------------------------------------------------------------------
ALBUM_META = {
    "sectoid-fof": dict(art="sectoid-fof", desc="The four songs of Sectoid's Frets on Fire song pack (Debian package fretsonfire-songs-sectoid), as excerpts",
                        attribution="Songs by Sectoid (Carlos Viola Iborra), from Debian package fretsonfire-songs-sectoid, MIT licence"),
    "muldjord-fof": dict(art="muldjord-armygeddon", desc="The four songs Muldjord released for Frets on Fire (Debian package fretsonfire-songs-muldjord), as excerpts",
                         attribution="Songs by Muldjord (El Senator), from Debian package fretsonfire-songs-muldjord, CC BY-SA 3.0; modified: stems mixed, excerpts, transcoded"),
}
album_items = []
for aid, (pkg, lst, album_title) in albums.items():
    info, m = PKG_INFO[pkg], ALBUM_META[aid]
    first = lst[0][1]
    item = OrderedDict(id=aid, kind="album", title=album_title)
    item["artist"] = OrderedDict(first["artist"])
    item["durationMs"] = sum(durations[it["id"]] for _, it in lst)
    item["description"] = m["desc"] + "."
    item["artwork"] = artwork(m["art"])
    item["items"] = [{"id": it["id"]} for _, it in lst]
    item["embeddable"] = True
    item["territories"] = ["*"]
    item["explicit"] = False
    item["license"] = licence(info["lic"], m["attribution"])
    item["updatedAt"] = updated_at
    durations[aid] = item["durationMs"]
    album_items.append(item)
media.extend(album_items)

# ---- playlist --------------------------------------------------------------------------
PLAYLIST = ["sectoid-feelings", "french-grand-prix-1906", "muldjord-chaos-god", "renich-to-be-happy",
            "big-buck-bunny", "gloumouth1-descente-infinie", "imageio-cockatoo", "sectoid-war-of-freedom"]
pl = OrderedDict(id="playgate-demo-mix", kind="playlist", title="Playgate Demo Mix")
pl["artist"] = OrderedDict(name="Various artists")
pl["durationMs"] = sum(durations[i] for i in PLAYLIST)
pl["description"] = "Music and video mixed: a tour of the demo catalogue. Every item keeps its own licence."
pl["artwork"] = artwork("playgate-demo-mix")
pl["items"] = [{"id": i} for i in PLAYLIST]
pl["embeddable"] = True
pl["territories"] = ["*"]
pl["explicit"] = False
pl["license"] = licence("CC0-1.0", "Playlist compiled for Playgate (CC0); each item keeps its own licence and attribution; "
                        "artwork: \"White Bellied Flycatcher\" by Elizabeth Gould, Twenty Twenty-Two theme, CC0")
pl["updatedAt"] = updated_at
media.append(pl)

# ---- rights demos ----------------------------------------------------------------------
# Copies of catalogue tracks (the same files: no new media) that show the hub's rights fields (ARCHITECTURE.md "Hub API v1",
# docs/partners.md "Rights"), plus one track flagged explicit. The flags are this demo catalogue's, not statements by the
# artists or rights holders. "private" is a catalogue-only flag (hub.local.Catalog: answered 403 without the hub
# credential); "visibility", "embeddable" and "territories" are wire fields.
RIGHTS_DEMOS = [
    ("sectoid-feelings", "sectoid-feelings-private", "private demo",
     "private, so it plays only through a signed embed URL.", {"private": True}),
    ("muldjord-armygeddon", "muldjord-armygeddon-unlisted", "unlisted demo",
     "unlisted, so like a private item it plays only through a signed embed URL.", {"visibility": "unlisted"}),
    ("renich-to-be-happy", "renich-to-be-happy-no-embed", "not embeddable",
     "its owner disabled embedding: no oEmbed answer and a \"not available\" player page; the share page plays it.",
     {"embeddable": False}),
    ("gloumouth1-descente-infinie", "gloumouth1-descente-infinie-de-at", "DE and AT only",
     "licensed in Germany and Austria only, so it plays only where rights.countryHeader names DE or AT.",
     {"territories": ["DE", "AT"]}),
]
by_id = {m["id"]: m for m in media}
explicit_demo = by_id["muldjord-chaos-god"]
explicit_demo["explicit"] = True
explicit_demo["description"] += (" Flagged explicit in this demo catalogue to show the explicit badge"
                                 " (a demo flag, not a rating by the band).")
for src_id, new_id, note, what, fields in RIGHTS_DEMOS:
    src = by_id[src_id]
    item = OrderedDict()
    for k, v in src.items():
        if k in ("album", "trackNumber"):
            continue
        item[k] = json.loads(json.dumps(v), object_pairs_hook=OrderedDict)
    item["id"] = new_id
    item["title"] = "%s (%s)" % (src["title"], note)
    item["description"] = "Rights demo: a copy of %s (the same recording and files), %s" % (src_id, what)
    for k, v in fields.items():
        item[k] = v
    media.append(item)

# ---- consistency checks ------------------------------------------------------------
ids = [m["id"] for m in media]
assert len(ids) == len(set(ids)), "duplicate ids"
for m in media:
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", m["id"]), m["id"]
    for ref in m.get("items", []):
        assert ref["id"] in ids, ref
    for a in m.get("artwork", []) + m.get("streams", []) + ([m["waveform"]] if "waveform" in m else []):
        assert os.path.isfile(fpath(a["url"])), a["url"]
referenced = {a["url"] for m in media for a in m.get("artwork", []) + m.get("streams", []) + ([m["waveform"]] if "waveform" in m else [])}
on_disk = {rel(os.path.relpath(os.path.join(dp, f), out)) for dp, _, fs in os.walk(out) for f in fs}
unused = sorted(on_disk - referenced)
assert not unused, "files not referenced by catalog.json: %s" % unused

with open(os.path.join(work, "catalog.json"), "w", encoding="utf-8") as fh:
    json.dump({"media": media}, fh, ensure_ascii=False, indent=2)
    fh.write("\n")

# ---- CREDITS.md --------------------------------------------------------------------
def md(s):
    return s.replace("|", "\\|")
sizes = {rel(os.path.relpath(os.path.join(dp, f), out)): os.path.getsize(os.path.join(dp, f))
         for dp, _, fs in os.walk(out) for f in fs}
total = sum(sizes.values())
L = []
L.append("# Playgate demo catalogue: credits and licences\n")
L.append("Everything under `media/` is generated by `build-media.sh` from Debian packages "
         "(Debian %s). It is **not** hand-edited: to rebuild media, `catalog.json` and this file, run\n"
         % open("/etc/debian_version").read().strip())
L.append("```\nbash conf/catalog/build-media.sh\n```\n")
L.append("It needs `apt-get` (the packages below are fetched with `apt-get download` and unpacked with "
         "`dpkg-deb -x`, never installed), `python3`, and Debian's `ffmpeg` (installed with "
         "`apt-get install -y ffmpeg` when missing). Durations, sizes and bitrates in `catalog.json` are "
         "measured with `ffprobe` on the generated files. Each track's `media/peaks/<id>.json` (its waveform, the "
         "largest sample per tenth of a second) is computed from its Opus file with `ffmpeg`. Media total: %d bytes.\n" % total)
L.append("## Source packages\n")
L.append("| Package | Version | Homepage |\n|---|---|---|")
for pkg, (ver, home) in versions.items():
    L.append("| `%s` | %s | %s |" % (pkg, ver, home or "-"))
L.append("")
L.append("## Tracks and videos\n")
L.append("Paths are inside the package (as unpacked by `dpkg-deb -x`). CC BY-SA items are modified "
         "(mixed/excerpted/transcoded) and are distributed under the same licence, CC BY-SA 3.0.\n")
L.append("| Id | Kind | Title | Author | Licence | Package | Original file(s) | What was done | Files (under `media/`) |")
L.append("|---|---|---|---|---|---|---|---|---|")
for r in credits_rows:
    L.append("| `%s` | %s | %s | %s | [%s](%s) | `%s` | %s | %s | %s |" % (
        r["id"], r["kind"], md(r["title"]), md(r["author"]), r["lic"], LIC[r["lic"]][1], r["pkg"],
        "<br>".join("`%s`" % p for p in r["paths"]), md(r["processing"]),
        "<br>".join("`%s`" % f for f in r["files"])))
L.append("")
L.append("## Rights demos\n")
L.append("Copies of the tracks above (the same files, no new media) that show the hub's rights fields. The flags are "
         "this demo catalogue's, not statements by the artists or rights holders; each copy keeps its source's "
         "licence and attribution. `muldjord-chaos-god` is flagged `explicit` for the same reason.\n")
L.append("| Id | Copy of | Flag |")
L.append("|---|---|---|")
for src_id, new_id, note, what, fields in RIGHTS_DEMOS:
    L.append("| `%s` | `%s` | %s |" % (new_id, src_id, ", ".join("`%s: %s`" % (k, json.dumps(v)) for k, v in fields.items())))
L.append("")
L.append("## Artwork\n")
L.append("| Files (under `media/art/`) | Used by | Source | Package | Original file | Licence | What was done |")
L.append("|---|---|---|---|---|---|---|")
users = {}
for m in media:
    for a in m.get("artwork", []):
        lst = users.setdefault(a["url"].split("/")[-1].rsplit("-", 1)[0], [])
        if m["id"] not in lst:
            lst.append(m["id"])
for name, (pkg, path, mode) in ART_SRC.items():
    base = os.path.basename(path)
    credit, lic = ART_CREDIT[base]
    L.append("| `%s-600.jpg`<br>`%s-300.jpg` | %s | %s | `%s` | `/%s` | [%s](%s) | %s; JPEG 600x600 and 300x300 |" % (
        name, name, ", ".join("`%s`" % u for u in users.get(name, [])), md(credit), pkg, path, lic, LIC[lic][1],
        ART_MODE_TEXT[mode]))
for item in video_items:
    L.append("| `%s-poster.jpg` | `%s` | frame of the video | see video | - | as the video | JPEG %dx%d |" % (
        item["id"], item["id"], item["width"], item["height"]))
L.append("")
L.append("The bird illustrations come from the WordPress theme Twenty Twenty-Two, whose `readme.txt` states: "
         "\"Colorful vintage hummingbird illustrations. CC0.\", \"'Green-tailed Jacamar' by Jacques Barraband. CC0.\", "
         "\"'Ducks' by Goyō Hashiguchi. CC0\", \"'White Bellied Flycatcher' illustrated by Elizabeth Gould. Public Domain.\" "
         "and \"Modified versions of the above images, as well as additional 'flight path' illustrations were created "
         "specifically for Twenty Twenty-Two. CC0.\"\n")
L.append("## Licence notes\n")
L.append("- **Sectoid** (`fretsonfire-songs-sectoid`, MIT): \"The songs, performances and fret files are all "
         "Copyright (c) 2006/2007 Carlos Viola Iborra\". The MIT notice, which must accompany copies:\n")
cp = src_text("fretsonfire-songs-sectoid", "usr/share/doc/fretsonfire-songs-sectoid/copyright")
mit = cp[cp.index("Permission is hereby granted"):]
mit = mit[:mit.index("THE SOFTWARE.", mit.index("DEALINGS IN")) + len("THE SOFTWARE.")]
L.append("  ```\n  Copyright (c) 2006/2007  Carlos Viola Iborra <karuritosu@gmail.com>\n\n" +
         "\n".join("  " + l for l in mit.splitlines()) + "\n  ```\n")
L.append("- **Muldjord** (`fretsonfire-songs-muldjord`, CC BY-SA 3.0): \"The songs, performances and fret files are all "
         "Copyright (c) 2009 El Senator ... licenced under the terms of the Creative Commons Attribution ShareAlike "
         "licence 3.0\"; the band asks for credit to \"Muldjord as the original author\" (www.muldjord.com). "
         "Our renditions mix the game stems, cut an excerpt and transcode: they are adaptations, licensed CC BY-SA 3.0 "
         "(https://creativecommons.org/licenses/by-sa/3.0/). The label images used as artwork come from the same package.")
L.append("- **Renich, \"To be happy\"** (`pink-pony-data`, `music/*`): \"Copyright (C) 2007, Renich "
         "<http://www.jamendo.com/en/artist/Renich>, Licence: CC-by-sa-3.0\"; ID3 tags: album \"Nocturnal Overtures\", "
         "track 10, 2007. Excerpt, CC BY-SA 3.0.")
L.append("- **gloumouth1, \"DescenteInfinie.ogg\"** (`python-nbsphinx-doc`): \"2005-2017 gloumouth1, License: "
         "GFDL-1.2+ or CC-BY-SA-3.0 or CC-BY-SA-2.5\", fetched from https://commons.wikimedia.org/wiki/File:DescenteInfinie.ogg; "
         "we use it under CC BY-SA 3.0.")
L.append("- **1906 film** (`python-nbsphinx-doc`): \"Shepard_Calais_1906_FrenchGP.ogv ... This file is public-domain\", "
         "from https://commons.wikimedia.org/wiki/File:Shepard_Calais_1906_FrenchGP.ogv (the Debian package ships its 160p "
         "transcode). The package does not name the film-maker; the title is built from the file name.")
L.append("- **Big Buck Bunny** (`golang-github-gabriel-vasile-mimetype-dev`, `testdata/mkv.mkv`): \"Copyright: 2008 "
         "Blender Foundation / www.bigbuckbunny.org, License: CC-BY-3.0, Comment: Excerpt from Big Buck Bunny\".")
L.append("- **Cockatoo** (`python3-imageio`, `imageio/resources/images/cockatoo.mp4`): \"Copyright: 2015 imageio "
         "contributors, License: BSD-2-Clause\". The BSD notice, which must accompany redistributions:\n")
cp = src_text("python3-imageio", "usr/share/doc/python3-imageio/copyright")
bsd = cp[cp.index("License: BSD-2-Clause\n Redistribution"):].split("\n\nLicense:")[0]
bsd_lines = [l[1:] if l.startswith(" ") else l for l in bsd.splitlines()[1:]]
bsd_lines = ["" if l == "." else l for l in bsd_lines]
L.append("  ```\n  Copyright 2015 imageio contributors\n\n" + "\n".join("  " + l for l in bsd_lines) + "\n  ```\n")
L.append("- **Catalogue text** (`catalog.json` descriptions, album/playlist groupings): CC0.\n")
with open(os.path.join(work, "CREDITS.md"), "w", encoding="utf-8") as fh:
    fh.write("\n".join(L).rstrip() + "\n")
print("catalog: %d items, media %d bytes" % (len(media), total), file=sys.stderr)
PY

# --- install into the tree (replace media/ wholesale so stale files disappear) ----------------
rm -rf "$HERE/media.new"
cp -r "$OUT" "$HERE/media.new"
rm -rf "$HERE/media"
mv "$HERE/media.new" "$HERE/media"
cp "$WORK/catalog.json" "$HERE/catalog.json"
cp "$WORK/CREDITS.md" "$HERE/CREDITS.md"
log "done: $HERE/catalog.json ($(du -cb "$HERE/media" | tail -1 | cut -f1) bytes of media)"
