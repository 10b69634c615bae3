// Calls to the crisislens REST API and the error banner that reports their failures.

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** "/api/events" + {actor: "Iran", q: ""} -> "/api/events?actor=Iran" (empty values dropped). */
function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function getJSON(path, params, signal) {
  const url = apiUrl(path, params);
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError(`Cannot reach the crisislens server (${url}): ${error.message}`, 0);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: reported below with the status alone.
  }
  if (!response.ok) {
    const message = body && body.error ? body.error : response.statusText || "request failed";
    throw new ApiError(`${message} (HTTP ${response.status}, ${url})`, response.status);
  }
  if (body === null) throw new ApiError(`The server sent no JSON for ${url}`, response.status);
  return body;
}

const banner = () => document.getElementById("error-banner");

export function showError(error) {
  if (error && error.name === "AbortError") return;
  const message = error instanceof Error ? error.message : String(error);
  const element = banner();
  element.querySelector(".error-text").textContent = message;
  element.hidden = false;
}

export function hideError() {
  banner().hidden = true;
}
