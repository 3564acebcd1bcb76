import type { Incident } from '#contracts/incidents.ts';

/**
 * Versions of each incident that this tab produced itself. A form opened before one's own save may
 * still send the newer version: the change in between was the user's own, so nothing of anyone else's
 * can be overwritten. Any version made elsewhere keeps the old one, and the server answers 409.
 */
const own = new Map<string, Set<number>>();
const KEEP = 50;

export function rememberOwnVersion(key: string, version: number): void {
  const versions = own.get(key) ?? new Set<number>();
  versions.add(version);
  if (versions.size > KEEP) versions.delete(Math.min(...versions));
  own.set(key, versions);
}

type Versions = Pick<Incident, 'key' | 'version'>;

function onlyOwnSince(base: Versions, latest: Versions, isOwn: (v: number) => boolean): boolean {
  for (let v = base.version + 1; v <= latest.version; v++) if (!isOwn(v)) return false;
  return true;
}

const isOwnOf = (key: string) => (v: number) => own.get(key)?.has(v) ?? false;

/** The version to send for input made on `base`, now that `latest` is loaded. */
export function versionToSend(base: Versions, latest: Versions, isOwn = isOwnOf(base.key)): number {
  return latest.version > base.version && onlyOwnSince(base, latest, isOwn) ? latest.version : base.version;
}

/** Whether someone else changed the incident since the user began the input made on `base`. */
export function changedElsewhere(base: Versions, latest: Versions, isOwn = isOwnOf(base.key)): boolean {
  return latest.version > base.version && !onlyOwnSince(base, latest, isOwn);
}
