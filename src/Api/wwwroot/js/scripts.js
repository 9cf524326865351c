// Loads a vendored classic script (a library's browser build, served from this origin) once, on first need, and
// answers the global it defines.
const loading = new Map();

/** `load("vendor/x/x.min.js", "x")` → window.x once the script has run; rejects when it cannot be loaded. */
export function load(src, global) {
  if (window[global]) return Promise.resolve(window[global]);
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window[global]);
      script.onerror = () => {
        loading.delete(src);
        reject(new Error(src));
      };
      document.head.append(script);
    }));
  }
  return loading.get(src);
}
