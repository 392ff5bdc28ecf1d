/**
 * Runs one handler so that an exception becomes a logged error and an empty answer, never a dead
 * server (vscode's json and css servers call theirs runSafe).
 */
export async function runSafe<T>(logError: (message: string) => void, name: string, empty: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    logError(`k8s-platforms: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return empty;
  }
}

/** The same for notifications, which answer nothing. */
export function guard(logError: (message: string) => void, name: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    logError(`k8s-platforms: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}
