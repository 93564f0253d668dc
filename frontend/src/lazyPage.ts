// Route-level code splitting: each page is its own chunk, fetched when its route is first shown,
// so the JavaScript before the catalogue shows stays small (scripts/check-bundle.mjs checks it).
import { lazy, type ComponentType } from "react";

/** A page module's named export as a lazy component (React.lazy wants a default export). */
export function lazyPage<K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
