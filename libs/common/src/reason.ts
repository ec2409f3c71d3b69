/** One violated rule: a stable code from API.md and a sentence a user can act on. */
export interface Reason {
  code: string;
  message: string;
}
