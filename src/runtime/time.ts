/** Appwrite's datetime spelling (`2026-01-31T09:30:00.000+00:00`), so returned rows match stored ones. */
export function appwriteTime(date: Date | number = new Date()): string {
  return new Date(date).toISOString().replace(/Z$/, '+00:00');
}
