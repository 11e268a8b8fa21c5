import type { ClassType } from "type-graphql";

export type Decorate = (prototype: object, name: string, index: number) => void;

/** Defines `name` on the class's prototype and applies type-graphql's method and parameter decorators. */
export function defineMethod(
  target: ClassType,
  name: string,
  body: (...args: never[]) => unknown,
  decorator: MethodDecorator,
  parameters: readonly Decorate[],
): void {
  Object.defineProperty(target.prototype, name, { value: body, writable: true, configurable: true });
  parameters.forEach((parameter, index) => parameter(target.prototype, name, index));
  decorator(target.prototype, name, Object.getOwnPropertyDescriptor(target.prototype, name)!);
}
