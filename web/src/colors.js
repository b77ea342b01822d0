// Colours of event families (the incident's `event_family`: its PLOVER type,
// else its ACLED type, else its CAMEO root label). Conflict is warm, cooperation
// cool, talk grey-blue; each has at least 3:1 contrast on the light basemap.
// Families outside PLOVER (a CAMEO root label such as "Public statement") get
// a colour from a spare palette.

const kFamilyColors = {
  ASSAULT: '#c62828',
  COERCE: '#e65100',
  THREATEN: '#a66d00',
  MOBILIZE: '#795548',
  SANCTION: '#546e7a',
  PROTEST: '#7b1fa2',
  ACCUSE: '#ad1457',
  REJECT: '#4527a0',
  REQUEST: '#1565c0',
  INVESTIGATE: '#37474f',
  CONSULT: '#00838f',
  AGREE: '#2e7d32',
  SUPPORT: '#558b2f',
  COOPERATE: '#00695c',
  AID: '#0277bd',
  CONCEDE: '#827717',
  RETREAT: '#607d8b',
};
const kSpare = ['#455a64', '#8d6e63', '#00897b', '#5e35b1', '#9e4a00', '#616161', '#283593'];

export function familyOf(incident) {
  return incident.event_family || 'Unknown';
}

// Families without a colour of their own get the spare colours in the order
// the page first meets them (stable for the session).
const assigned = new Map();

export function colorOf(family) {
  const key = String(family);
  const known = kFamilyColors[key.toUpperCase()];
  if (known) return known;
  if (!assigned.has(key)) assigned.set(key, kSpare[assigned.size % kSpare.length]);
  return assigned.get(key);
}
