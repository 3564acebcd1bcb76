import type { Incident } from '#contracts/incidents.ts';

const rank = (i: Pick<Incident, 'priority'>) => (i.priority ? Number(i.priority.slice(1)) : 9);

/** P1 first, incidents without a priority last; `then` breaks ties. */
export function byPriority<T extends Pick<Incident, 'priority'>>(then: (a: T, b: T) => number) {
  return (a: T, b: T) => rank(a) - rank(b) || then(a, b);
}
