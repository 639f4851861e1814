// Where request summaries go (the "Tinybird" output channel in VS Code, an array in tests).
export interface Logger {
  line(message: string): void;
}
