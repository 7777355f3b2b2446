import * as z from 'zod';

/**
 * A page of a list: its items and the opaque cursor of the next page (null on the last). One schema
 * for every paged route, so the site's `Page<T>` is the server's.
 */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().nullable() });

export type Page<T> = { items: T[]; cursor: string | null };
