// Types of generate-spec.js, for the tests that use the benchmark's specs.
export interface SpecSize {
  nodes: number;
  gateways?: number;
  services?: number;
  allows?: number;
}
export function makeSpec(size: SpecSize): Record<string, unknown>;
