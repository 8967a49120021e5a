import { z } from 'zod';
import { Id, listQuery, RecordMeta, patchOf } from './common.js';
import { Email, IsoDateTime, Name } from './fields.js';

export const Role = z.enum(['owner', 'admin', 'manager', 'rep', 'viewer', 'support']);
export type Role = z.infer<typeof Role>;
export const Locale = z.enum(['en', 'zh-Hant', 'zh-Hans']);
export type Locale = z.infer<typeof Locale>;

export const UserFields = z.object({
  email: Email,
  name: Name,
  role: Role.default('rep'),
  teamId: Id.nullable().default(null),
  locale: Locale.nullable().default(null),
  active: z.boolean().default(true),
  awayUntil: IsoDateTime.nullable()
    .default(null)
    .describe('Away (holiday, leave) until this time: lead assignment skips them meanwhile'),
});
export const UserCreate = UserFields;
export type UserCreate = z.input<typeof UserCreate>;
export const UserPatch = patchOf(UserFields);
export type UserPatch = z.input<typeof UserPatch>;
export const User = RecordMeta.extend(UserFields.shape);
export type User = z.infer<typeof User>;
export const UserListQuery = listQuery(['name', 'email', 'createdAt'], 'name', {
  role: Role.optional(),
  teamId: Id.optional(),
});
export type UserListQuery = z.input<typeof UserListQuery>;

export const TeamFields = z.object({
  name: Name,
  managerId: Id.nullable().default(null),
  parentId: Id.nullable().default(null),
});
export const TeamCreate = TeamFields;
export type TeamCreate = z.input<typeof TeamCreate>;
export const TeamPatch = patchOf(TeamFields);
export type TeamPatch = z.input<typeof TeamPatch>;
export const Team = RecordMeta.extend(TeamFields.shape);
export type Team = z.infer<typeof Team>;
export const TeamListQuery = listQuery(['name', 'createdAt'], 'name', { parentId: Id.optional() });
export type TeamListQuery = z.input<typeof TeamListQuery>;
