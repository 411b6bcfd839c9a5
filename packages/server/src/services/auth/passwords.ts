/**
 * Password hashing with argon2id (@node-rs/argon2: the `argon2` package's prebuilt binary crashes here).
 * Parameters follow OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1).
 */
import { hash, verify } from '@node-rs/argon2';

const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which user names exist. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('cpaudit-dummy-password');
  return dummy;
}

/** Minimum policy for new passwords: 10+ characters, not all one class. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'password must have at least 10 characters';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 2) return 'password must mix at least two of: lower case, upper case, digits, symbols';
  return null;
}
