/** Body and upload size limits, framework-free so pure code (and its unit tests) can use them. */

/** Default cap on JSON bodies. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Largest file a route accepts as an upload (multipart) or inline (base64). */
export const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
/** JSON bodies of upload routes: room for a base64-encoded MAX_UPLOAD_BYTES file plus fields. */
export const UPLOAD_JSON_BODY_LIMIT = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024;
