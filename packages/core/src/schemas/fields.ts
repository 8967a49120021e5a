import { z } from 'zod';

/** Reusable field rules, so every resource validates the same thing the same way. */
export const Name = z.string().trim().min(1, 'Required').max(200);
export const ShortText = z.string().trim().max(200);
export const LongText = z.string().max(20_000);
export const Email = z.email('Not an email address').max(320);
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{3,32}$/, 'Use digits, spaces and + ( ) - . / only');
export const Tag = z.string().trim().min(1).max(50);
export const ExternalId = z.string().trim().min(1).max(200);
export const Probability = z.number().int().min(0, 'At least 0').max(100, 'At most 100');
export const IsoDate = z.iso.date('Use a date like 2026-03-31');
export const IsoDateTime = z.iso.datetime({ offset: true, message: 'Use a date and time like 2026-03-31T09:00:00Z' });
