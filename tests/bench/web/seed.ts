// The bench's data: one signed-up user whose personal team holds SMALL finished videos, and a
// second team of theirs holding BIG, all seeded by INSERT … SELECT (as tests/bench/gallery-bench.ts).
// Every copy points at the same two real files (a poster and a short MP4), so pages show real
// images and the player a real video without rendering thousands of them.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ffmpeg from "@ffmpeg-installer/ffmpeg";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "../../../db/client";

export const POSTER_KEY = "bench/poster.jpg";
export const VIDEO_KEY = "bench/video.mp4";

/** The two files every seeded copy points at, under DATA_DIR/storage as lib/storage/local.ts keeps them. */
export async function writeFiles(dataDir: string): Promise<void> {
  const root = path.join(dataDir, "storage");
  mkdirSync(path.join(root, "bench"), { recursive: true });
  const poster = await sharp({
    create: { width: 640, height: 800, channels: 3, background: { r: 120, g: 80, b: 200 } },
  })
    .jpeg({ quality: 70 })
    .toBuffer();
  writeFileSync(path.join(root, POSTER_KEY), poster);
  writeFileSync(path.join(root, `${POSTER_KEY}.type`), "image/jpeg");
  const video = path.join(root, VIDEO_KEY);
  const made = spawnSync(ffmpeg.path, [
    ...["-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=640x800:rate=24", "-t", "2"],
    ...["-pix_fmt", "yuv420p", "-movflags", "+faststart", video],
  ]);
  if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`);
  writeFileSync(`${video}.type`, "video/mp4");
}

/** n finished videos in the team, each with a stored MP4 and poster; returns the newest one's id. */
export async function seedMedia(db: Db, team: string, user: string, n: number): Promise<string> {
  await db.execute(sql`
    insert into media (team_id, created_by, title, motion_type, params, status, progress, webhook_secret_hash, bullet_version, created_at, finished_at, synced_at)
    select ${team}::uuid, ${user}, 'Video ' || g, (array['Parallax', 'Auto', 'KlingAI', 'LumaAI', 'Veo'])[1 + g % 5],
           jsonb_build_object('quantity', 1, 'motionType', 'Parallax'), 'success'::media_status, 100,
           md5(${team} || '-' || g), '1',
           now() - g * interval '7 seconds', now() - g * interval '7 seconds' + interval '1 minute',
           now() - g * interval '7 seconds' + interval '1 minute'
    from generate_series(1, ${n}) g`);
  await db.execute(sql`
    insert into media_assets (media_id, team_id, variant_key, kind, storage_key, content_type, bytes, bullet_version)
    select m.id, m.team_id, 'Parallax1', k.kind, k.key, k.type, 100000, '1'
    from media m cross join (values ('mp4', ${VIDEO_KEY}, 'video/mp4'), ('poster', ${POSTER_KEY}, 'image/jpeg')) as k(kind, key, type)
    where m.team_id = ${team}::uuid`);
  await db.execute(sql`vacuum analyze media`);
  await db.execute(sql`vacuum analyze media_assets`);
  const rows = (await db.execute(
    sql`select id::text as id from media where team_id = ${team}::uuid order by created_at desc limit 1`,
  )) as unknown as { id: string }[];
  return rows[0]!.id;
}

/** A second team of the user's, with its own slug, for the big gallery. */
export async function seedTeam(db: Db, user: string, slug: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.execute(sql`insert into teams (id, name, slug) values (${id}, 'Big team', ${slug})`);
  await db.execute(sql`insert into memberships (team_id, user_id, role) values (${id}, ${user}, 'owner')`);
  return id;
}
