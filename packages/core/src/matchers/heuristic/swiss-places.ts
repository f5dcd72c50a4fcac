import { fold } from './text-terms.js';

/**
 * Cantons with the places a CV or posting names them by (canton names in the national languages,
 * then larger towns), grouped into the seven statistical regions of Switzerland. Eastern
 * Switzerland, where the legacy board operates, is covered in more detail; Liechtenstein is
 * included because its employers advertise there. Short names that are also common words or tech
 * terms (Uri, Lachen, Au) are left out on purpose: a false location is worse than none.
 */
const CANTONS: ReadonlyArray<{ code: string; region: string; places: string }> = [
  {
    code: 'SG',
    region: 'Eastern Switzerland',
    places:
      'St. Gallen|Wil|Rapperswil|Jona|Gossau|Altstätten|Buchs|Rorschach|Uzwil|Flawil|Wattwil|Sargans|Heerbrugg|Widnau',
  },
  {
    code: 'TG',
    region: 'Eastern Switzerland',
    places: 'Thurgau|Frauenfeld|Kreuzlingen|Arbon|Amriswil|Weinfelden|Romanshorn|Bischofszell',
  },
  { code: 'AR', region: 'Eastern Switzerland', places: 'Appenzell Ausserrhoden|Herisau|Teufen|Heiden' },
  { code: 'AI', region: 'Eastern Switzerland', places: 'Appenzell' },
  { code: 'GR', region: 'Eastern Switzerland', places: 'Graubünden|Grisons|Chur|Davos|Landquart|St. Moritz' },
  { code: 'GL', region: 'Eastern Switzerland', places: 'Glarus' },
  { code: 'SH', region: 'Eastern Switzerland', places: 'Schaffhausen|Neuhausen' },
  { code: 'FL', region: 'Eastern Switzerland', places: 'Liechtenstein|Vaduz|Schaan' },
  {
    code: 'ZH',
    region: 'Zurich',
    places: 'Zürich|Winterthur|Uster|Dübendorf|Dietikon|Wetzikon|Kloten|Horgen|Thalwil|Wädenswil|Bülach',
  },
  { code: 'LU', region: 'Central Switzerland', places: 'Luzern|Lucerne|Emmen|Kriens|Sursee' },
  { code: 'ZG', region: 'Central Switzerland', places: 'Zug|Baar|Cham' },
  { code: 'SZ', region: 'Central Switzerland', places: 'Schwyz|Einsiedeln|Pfäffikon|Freienbach' },
  { code: 'OW', region: 'Central Switzerland', places: 'Obwalden|Sarnen' },
  { code: 'NW', region: 'Central Switzerland', places: 'Nidwalden|Stans' },
  { code: 'BS', region: 'Northwestern Switzerland', places: 'Basel' },
  { code: 'BL', region: 'Northwestern Switzerland', places: 'Basel-Landschaft|Liestal|Allschwil|Muttenz' },
  { code: 'AG', region: 'Northwestern Switzerland', places: 'Aargau|Aarau|Baden|Wettingen|Brugg|Zofingen|Wohlen' },
  { code: 'BE', region: 'Espace Mittelland', places: 'Bern|Berne|Biel|Bienne|Thun|Burgdorf' },
  { code: 'SO', region: 'Espace Mittelland', places: 'Solothurn|Olten|Grenchen' },
  { code: 'FR', region: 'Espace Mittelland', places: 'Fribourg|Freiburg' },
  { code: 'NE', region: 'Espace Mittelland', places: 'Neuchâtel|Neuenburg|La Chaux-de-Fonds' },
  { code: 'JU', region: 'Espace Mittelland', places: 'Jura|Delémont' },
  { code: 'GE', region: 'Lake Geneva region', places: 'Genève|Geneva|Genf' },
  { code: 'VD', region: 'Lake Geneva region', places: 'Vaud|Waadt|Lausanne|Yverdon|Montreux|Nyon' },
  { code: 'VS', region: 'Lake Geneva region', places: 'Valais|Wallis|Sion|Sitten|Visp|Brig' },
  { code: 'TI', region: 'Ticino', places: 'Ticino|Tessin|Lugano|Bellinzona|Locarno' },
];

export interface Place {
  name: string;
  canton: string;
  region: string;
}

const PLACES: ReadonlyArray<Place & { key: string }> = CANTONS.flatMap(({ code, region, places }) =>
  places.split('|').map((name) => ({ name, canton: code, region, key: placeKey(name) })),
);

/** "St. Gallen", "Sankt Gallen" and "9000 St.Gallen" all become " st gallen ". */
function placeKey(text: string): string {
  return ` ${fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bsankt\b/g, 'st')
    .trim()} `;
}

/** Places named in a text; a longer name wins over one it contains (Appenzell Ausserrhoden over Appenzell). */
export function placesIn(text: string): Place[] {
  let haystack = placeKey(text);
  const found: Place[] = [];
  for (const place of [...PLACES].sort((a, b) => b.key.length - a.key.length)) {
    if (!haystack.includes(place.key)) continue;
    found.push({ name: place.name, canton: place.canton, region: place.region });
    haystack = haystack.replaceAll(place.key, ' ');
  }
  return found;
}

export type Proximity = 'same place' | 'same canton' | 'same region' | 'remote' | 'elsewhere' | 'unknown';

export interface LocationFit {
  proximity: Proximity;
  postingPlace: Place | undefined;
  cvPlaces: Place[];
}

const REMOTE = /\b(remote|home ?office|homeoffice|telearbeit)\b/;

/** How the posting's location relates to the places the CV names. */
export function locationFit(postingLocation: string | undefined, cvText: string): LocationFit {
  const cvPlaces = placesIn(cvText);
  const location = postingLocation?.trim() ?? '';
  const postingPlace = placesIn(location)[0];
  if (REMOTE.test(fold(location))) return { proximity: 'remote', postingPlace, cvPlaces };
  if (postingPlace === undefined || cvPlaces.length === 0) return { proximity: 'unknown', postingPlace, cvPlaces };
  const proximity: Proximity = cvPlaces.some((p) => p.name === postingPlace.name)
    ? 'same place'
    : cvPlaces.some((p) => p.canton === postingPlace.canton)
      ? 'same canton'
      : cvPlaces.some((p) => p.region === postingPlace.region)
        ? 'same region'
        : 'elsewhere';
  return { proximity, postingPlace, cvPlaces };
}
