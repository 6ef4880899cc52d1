/**
 * Spatial indexes for "nearest station" (counselling.stations near a point) and "nearest advisor" (legal.near), so a
 * box around the point reads only the places inside it (issue 16); the exact distance is then measured for those
 * candidates alone (cloud/domain/counselling/geo).
 * - SQLite: R*Tree virtual tables. A village's rtree id is its code as an integer (codes are digits); a station's id is
 *   text of any form, so its rtree row carries the id as an auxiliary column and the rtree numbers its own rows.
 *   Triggers keep both in step with `stations` and `legal_villages` on every write path.
 * - PostgreSQL: a GiST index on each place's point (lng, lat), searched with `point <@ box`, core PostgreSQL.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index stations_geo on stations using gist (point(lng, lat))`.execute(db)
    await sql`create index legal_villages_geo on legal_villages using gist (point(lng, lat))`.execute(db)
    return
  }
  await sql`create virtual table stations_rtree using rtree(id, min_lat, max_lat, min_lng, max_lng, +station_id)`.execute(db)
  await sql`insert into stations_rtree (min_lat, max_lat, min_lng, max_lng, station_id) select lat, lat, lng, lng, id from stations where lat is not null and lng is not null`.execute(db)
  await sql`create trigger stations_rtree_insert after insert on stations when new.lat is not null and new.lng is not null begin
    insert into stations_rtree (min_lat, max_lat, min_lng, max_lng, station_id) values (new.lat, new.lat, new.lng, new.lng, new.id);
  end`.execute(db)
  // Stations are reference data: a move or removal (rare) finds its rtree row by a pass over the auxiliary column.
  await sql`create trigger stations_rtree_delete after delete on stations begin
    delete from stations_rtree where station_id = old.id;
  end`.execute(db)
  await sql`create trigger stations_rtree_update after update of id, lat, lng on stations begin
    delete from stations_rtree where station_id = old.id;
    insert into stations_rtree (min_lat, max_lat, min_lng, max_lng, station_id) select new.lat, new.lat, new.lng, new.lng, new.id where new.lat is not null and new.lng is not null;
  end`.execute(db)

  await sql`create virtual table legal_villages_rtree using rtree(id, min_lat, max_lat, min_lng, max_lng)`.execute(db)
  await sql`insert into legal_villages_rtree (id, min_lat, max_lat, min_lng, max_lng) select cast(village_code as integer), lat, lat, lng, lng from legal_villages where lat is not null and lng is not null`.execute(db)
  await sql`create trigger legal_villages_rtree_insert after insert on legal_villages when new.lat is not null and new.lng is not null begin
    insert into legal_villages_rtree (id, min_lat, max_lat, min_lng, max_lng) values (cast(new.village_code as integer), new.lat, new.lat, new.lng, new.lng);
  end`.execute(db)
  await sql`create trigger legal_villages_rtree_delete after delete on legal_villages begin
    delete from legal_villages_rtree where id = cast(old.village_code as integer);
  end`.execute(db)
  await sql`create trigger legal_villages_rtree_update after update of village_code, lat, lng on legal_villages begin
    delete from legal_villages_rtree where id = cast(old.village_code as integer);
    insert into legal_villages_rtree (id, min_lat, max_lat, min_lng, max_lng) select cast(new.village_code as integer), new.lat, new.lat, new.lng, new.lng where new.lat is not null and new.lng is not null;
  end`.execute(db)
}
