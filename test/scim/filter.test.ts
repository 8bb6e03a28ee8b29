// SCIM filters (RFC 7644 §3.4.2.2) compiled to SQL by filterSql, run against a real in-memory SQLite: each on its own,
// and through the query prepared for its shape (by the first filter of that shape the file runs).
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { DomainError } from "../../src/domains/errors.js";
import { scimDomainError } from "../../src/wire/scim/errors.js";
import { filterMatches, filterSql, perFilterShape, type FilterAttributes } from "../../src/domains/scim/filter.js";
import { preparedQuery } from "../../src/db/prepared.js";

interface People {
  name: string;
  username: string;
  user_uid: string;
  ext: string | null;
  last_name: string | null;
  email: string | null;
  title: string | null;
  department: string | null;
  city: string | null;
  active: number;
  blocked: number;
  created: string;
}
interface Groups {
  group_id: string;
  display_name: string;
}
interface DB {
  people: People;
  groups: Groups;
}

const PEOPLE: People[] = [
  { name: "Alice", username: "Alice@Example.com", user_uid: "U-1", ext: "Ext-A", last_name: "Employee", email: "alice@example.com", title: "Engineer", department: "Sales", city: "Paris", active: 1, blocked: 0, created: "2015-10-10T21:38:22.000Z" },
  { name: "Bob", username: "bob@example.org", user_uid: "u-2", ext: "ext-b", last_name: "Builder", email: "bob@example.org", title: null, department: null, city: null, active: 0, blocked: 0, created: "2015-10-10T21:38:21.000Z" },
  { name: "Dan", username: "dan1@example.com", user_uid: "U-4", ext: "D*1", last_name: null, email: "dan1@example.com", title: 'Mgr "Big" \\ Boss', department: "00123", city: null, active: 1, blocked: 1, created: "2020-06-01T12:00:00.000Z" },
  { name: "Olga", username: "Olga_100%", user_uid: "U-3", ext: null, last_name: "employee", email: null, title: "", department: null, city: "Oslo", active: 1, blocked: 0, created: "2026-01-01T00:00:00.000Z" },
];

const USER: FilterAttributes = {
  id: { column: "u.user_uid", type: "string", caseExact: true },
  externalId: { column: "u.ext", type: "string", caseExact: true },
  userName: { column: "u.username", type: "string" },
  "name.familyName": { column: "u.last_name", type: "string" },
  emails: { column: "u.email", type: "string" },
  "emails.value": { column: "u.email", type: "string" },
  title: { column: "u.title", type: "string" },
  department: { column: "u.department", type: "string" },
  "addresses.locality": { column: "u.city", type: "string" },
  active: { column: "u.active", type: "boolean" },
  enabled: { column: sql`(u.active = 1 and u.blocked = 0)`, type: "boolean" },
  "meta.created": { column: "u.created", type: "dateTime" },
  "meta.resourceType": { column: "u.user_uid", type: "string", constant: "User", caseExact: true },
};

let db: Kysely<DB>;
beforeAll(async () => {
  db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new BetterSqlite3(":memory:") }) });
  await sql`create table people (name text, username text collate nocase, user_uid text, ext text, last_name text, email text, title text,
    department text, city text, active integer, blocked integer, created text)`.execute(db);
  await sql`create table groups (group_id text, display_name text)`.execute(db);
  await db.insertInto("people").values(PEOPLE).execute();
  await db
    .insertInto("groups")
    .values([
      { group_id: "g1", display_name: "BobIsAmazing" },
      { group_id: "g2", display_name: "Sales" },
    ])
    .execute();
});
afterAll(() => db.destroy());

/** The people a filter over USER selects, by a query prepared once per filter shape. */
const preparedWho = perFilterShape((f) =>
  preparedQuery((prepared, ...args: unknown[]) => (prepared as unknown as Kysely<DB>).selectFrom("people as u").select("u.name").where(f!.where(args)).orderBy("u.name"), f!.args.length),
);

/** The names of the people the filter selects, sorted; the same, or the test fails, through the prepared query. */
const who = async (filter: string) => {
  const f = filterSql(filter, USER);
  const names = (await db.selectFrom("people as u").select("u.name").where(f.where(f.args)).orderBy("u.name").execute()).map((r) => r.name);
  expect((await preparedWho(f)(db as never, ...f.args)).map((r) => r.name)).toEqual(names);
  return names;
};

/** The invalidFilter error filterSql throws (before any query runs). */
function refusal(filter: string, attributes = USER): DomainError {
  try {
    filterSql(filter, attributes);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`${filter} was accepted`);
}

describe("comparison operators", () => {
  it.each([
    ['userName eq "alice@example.com"', ["Alice"]],
    ['userName eq "nobody"', []],
    ['title ne "Engineer"', ["Dan"]],
    ['emails.value co "EXAMPLE.com"', ["Alice", "Dan"]],
    ['userName sw "o"', ["Olga"]],
    ['userName ew ".ORG"', ["Bob"]],
    ['userName gt "c"', ["Dan", "Olga"]],
    ['userName ge "dan1@example.com"', ["Dan", "Olga"]],
    ['userName lt "bob@example.org"', ["Alice"]],
    ['userName le "BOB@example.org"', ["Alice", "Bob"]],
    ["title pr", ["Alice", "Dan"]],
    ["emails pr", ["Alice", "Bob", "Dan"]],
    ["active pr", ["Alice", "Bob", "Dan", "Olga"]],
    ['title eq null', ["Bob", "Olga"]],
    ['title ne null', ["Alice", "Dan"]],
    ['userName EQ "bob@example.org"', ["Bob"]],
  ])("%s", async (filter, expected) => {
    expect(await who(filter)).toEqual(expected);
  });

  it("compares booleans with true and false (and Entra's \"True\" and \"False\")", async () => {
    expect(await who("active eq true")).toEqual(["Alice", "Dan", "Olga"]);
    expect(await who("active ne true")).toEqual(["Bob"]);
    expect(await who('active eq "False"')).toEqual(["Bob"]);
    expect(await who("active eq True")).toEqual(["Alice", "Dan", "Olga"]);
    // A column may be any SQL expression.
    expect(await who("enabled eq true")).toEqual(["Alice", "Olga"]);
  });

  it("escapes LIKE's and GLOB's wildcards in co, sw and ew", async () => {
    expect(await who('userName co "%"')).toEqual(["Olga"]);
    expect(await who('userName co "a_1"')).toEqual(["Olga"]);
    expect(await who('userName ew "0%"')).toEqual(["Olga"]);
    expect(await who('externalId co "*"')).toEqual(["Dan"]);
    expect(await who('externalId sw "D*"')).toEqual(["Dan"]);
    expect(await who('externalId co "?"')).toEqual([]);
  });

  it("reads quoted values as JSON strings, and a backslash that escapes nothing as itself", async () => {
    expect(await who('title eq "Mgr \\"Big\\" \\\\ Boss"')).toEqual(["Dan"]);
    expect(await who('title eq "Mgr \\"Big\\" \\ Boss"')).toEqual(["Dan"]);
    expect(await who('title co "\\u0042ig"')).toEqual(["Dan"]);
    expect(await who('userName eq "bob@example.org" or title eq "and ) or ("')).toEqual(["Bob"]);
  });
});

describe("case", () => {
  it("reads attribute names whatever their case", async () => {
    expect(await who('name.FamilyName eq "EMPLOYEE"')).toEqual(["Alice", "Olga"]);
    expect(await who('USERNAME eq "bob@example.org"')).toEqual(["Bob"]);
    expect(await who('Emails.Value ew "org"')).toEqual(["Bob"]);
    expect(await who('EXTERNALID eq "ext-b"')).toEqual(["Bob"]);
  });

  it("compares strings case-insensitively unless the attribute is caseExact", async () => {
    expect(await who('id eq "U-1"')).toEqual(["Alice"]);
    expect(await who('id eq "u-1"')).toEqual([]);
    expect(await who('externalId eq "EXT-A"')).toEqual([]);
    expect(await who('externalId sw "ext"')).toEqual(["Bob"]);
    expect(await who('externalId co "A"')).toEqual(["Alice"]);
    expect(await who('externalId gt "a"')).toEqual(["Bob"]);
    expect(await who('id ne "u-2"')).toEqual(["Alice", "Dan", "Olga"]);
    expect(await who('meta.resourceType eq "User"')).toEqual(["Alice", "Bob", "Dan", "Olga"]);
    expect(await who('meta.resourceType eq "user"')).toEqual([]);
  });

  it("takes a schema URN before the attribute name", async () => {
    expect(await who('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob@example.org"')).toEqual(["Bob"]);
    expect(await who('URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:name.familyName eq "builder"')).toEqual(["Bob"]);
    expect(await who('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "sales"')).toEqual(["Alice"]);
    expect(await who('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value eq "bob@example.org"')).toEqual(["Bob"]);
  });
});

describe("logical operators", () => {
  it.each([
    ['userName sw "a" and title pr', ["Alice"]],
    ['userName sw "a" or userName sw "b"', ["Alice", "Bob"]],
    // and binds tighter than or.
    ['active eq false or userName sw "a" and title eq "Manager"', ["Bob"]],
    ['(active eq false or userName sw "a") and title eq "Engineer"', ["Alice"]],
    ['title eq "Engineer" or active eq false and department pr', ["Alice"]],
    ['(title eq "Engineer" or active eq false) and not (department pr)', ["Bob"]],
    // not is the complement, absent attributes included; a comparison on an absent one is false.
    ['not (title eq "Engineer")', ["Bob", "Dan", "Olga"]],
    ['not (title ne "x")', ["Bob", "Olga"]],
    ["not (emails pr)", ["Olga"]],
    ['not (not (userName eq "bob@example.org"))', ["Bob"]],
    ['not (userName sw "a" or userName sw "b")', ["Dan", "Olga"]],
    ['not (userName sw "a") and not (userName sw "b")', ["Dan", "Olga"]],
    ['((((userName eq "bob@example.org"))))', ["Bob"]],
    ['userName eq "a" AND title pr Or userName eq "bob@example.org"', ["Bob"]],
  ])("%s", async (filter, expected) => {
    expect(await who(filter)).toEqual(expected);
  });
});

describe("value paths", () => {
  it.each([
    // Code42 keeps one e-mail address, the work one: its type is "work" and it is primary.
    ['emails[type eq "work"]', ["Alice", "Bob", "Dan"]],
    ['emails[type eq "home"]', []],
    ['emails[type ne "home"]', ["Alice", "Bob", "Dan"]],
    ['emails[not (type eq "home")]', ["Alice", "Bob", "Dan"]],
    ['emails[primary eq true]', ["Alice", "Bob", "Dan"]],
    ['emails[type eq "work" and value co "@example.com"]', ["Alice", "Dan"]],
    ['emails[type eq "home" or value co "@example.org"]', ["Bob"]],
    ['emails[type eq "work"].value eq "bob@example.org"', ["Bob"]],
    ['emails[TYPE eq "Work"].Value co "example.com"', ["Alice", "Dan"]],
    ['emails[type eq "home"].value pr', []],
    ['emails.type eq "work"', ["Alice", "Bob", "Dan"]],
    ['emails[type eq "work"] and userName sw "a" or emails[value ew ".org"]', ["Alice", "Bob"]],
    // A value path whose attribute is not mapped tests its sub-attributes only.
    ['addresses[locality eq "oslo"]', ["Olga"]],
  ])("%s", async (filter, expected) => {
    expect(await who(filter)).toEqual(expected);
  });
});

describe("unquoted values (Microsoft's SCIM reference collection sends them)", () => {
  it.each([
    ["userName sw O", ["Olga"]],
    ["name.FamilyName eq Employee", ["Alice", "Olga"]],
    ["meta.Created gt 2015-10-10T14:38:21.8617979-07:00", ["Alice", "Dan", "Olga"]],
    ["name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)", ["Alice"]],
    ["(userName sw O)", ["Olga"]],
    ["emails[value co example.org]", ["Bob"]],
    ["emails[type eq work].value co dan1", ["Dan"]],
    ["userName eq bob@example.org", ["Bob"]],
    // A bare number is the text it is written as.
    ["department eq 00123", ["Dan"]],
    ["department eq 123", []],
  ])("%s", async (filter, expected) => {
    expect(await who(filter)).toEqual(expected);
  });
});

describe("dates", () => {
  it.each([
    ['meta.created eq "2026-01-01T00:00:00Z"', ["Olga"]],
    ['meta.created eq "2026-01-01T01:00:00+01:00"', ["Olga"]],
    ['meta.created ge "2026-01-01T00:00:00.000Z"', ["Olga"]],
    ['meta.created gt "2026-01-01T00:00:00.000Z"', []],
    ['meta.created lt "2016-01-01"', ["Alice", "Bob"]],
    ['meta.created le "2015-10-10T14:38:21-07:00"', ["Bob"]],
    ['meta.created ne "2015-10-10T21:38:21Z"', ["Alice", "Dan", "Olga"]],
    ['meta.created gt "2015-10-10T21:38:21.5Z" and meta.created lt "2021-01-01T00:00:00Z"', ["Alice", "Dan"]],
    ["meta.created pr", ["Alice", "Bob", "Dan", "Olga"]],
  ])("%s", async (filter, expected) => {
    expect(await who(filter)).toEqual(expected);
  });
});

describe("another table", () => {
  const GROUP: FilterAttributes = { displayName: { column: "g.display_name", type: "string" }, id: { column: "g.group_id", type: "string", caseExact: true } };
  it("filters whatever table the columns name", async () => {
    const ids = async (filter: string) => {
      const f = filterSql(filter, GROUP);
      return (await db.selectFrom("groups as g").select("g.group_id").where(f.where(f.args)).orderBy("g.group_id").execute()).map((r) => r.group_id);
    };
    expect(await ids('DisplayName eq "bobisamazing"')).toEqual(["g1"]);
    expect(await ids('urn:ietf:params:scim:schemas:core:2.0:Group:displayName sw "S"')).toEqual(["g2"]);
    expect(await ids('id eq "g2" or displayName co "amaz"')).toEqual(["g1", "g2"]);
  });
});

describe("invalidFilter", () => {
  it.each([
    ['nickName eq "x"', /nickName/],
    ['emails[display eq "x"]', /emails\[display\]/],
    ['urn:example:userName eq "x"', /Cannot filter on/],
    ['urn:ietf:params:scim:schemas:core:2.0:Group:nickName eq "x"', /Cannot filter on/],
    ["", /Not a SCIM filter/],
    ["userName eq", /Not a SCIM filter/],
    ['userName eq "a" and', /Not a SCIM filter/],
    ['(userName eq "a"', /Not a SCIM filter/],
    ['userName eq "a")', /Not a SCIM filter/],
    ['userName xx "a"', /Not a SCIM filter/],
    ['userName eq "a" userName eq "b"', /Not a SCIM filter/],
    ['userName eq "unterminated', /Not a SCIM filter/],
    ['emails[type eq "work"', /Not a SCIM filter/],
    ['"userName" eq "a"', /Not a SCIM filter/],
    ['meta.created gt "yesterday"', /dateTime/],
    ["meta.created gt 2015-13-45", /dateTime/],
    ["meta.created gt 1", /dateTime/],
    ["meta.created gt true", /dateTime/],
    ['meta.created co "2015"', /co, sw and ew/],
    ["active gt true", /boolean/],
    ['active eq "yes"', /boolean/],
    ['active co "t"', /boolean/],
    ["emails[primary eq 1]", /boolean/],
    ["title gt null", /null/],
    ['emails[value[type eq "x"] ]', /./],
  ])("%s", (filter, message) => {
    const e = refusal(filter);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe("FILTER_INVALID");
    const answer = scimDomainError(e);
    expect(answer.status).toBe(400);
    expect(answer.fields).toEqual({ scimType: "invalidFilter" });
    expect(e.message).toMatch(message);
  });

  it("refuses filters of more than 200 operators and comparisons, and runs those of 200", async () => {
    const or = (n: number) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(" or ");
    expect(refusal(`${or(200)} or title pr`).message).toMatch(/200/);
    // One or of 200 comparisons is 201.
    expect(refusal(`${or(199)} or title pr`).message).toMatch(/200/);
    expect(await who(`${or(198)} or userName eq "bob@example.org"`)).toEqual(["Bob"]);
    const nots = (n: number) => `${"not (".repeat(n)}userName eq "bob@example.org"${")".repeat(n)}`;
    expect(await who(nots(199))).toEqual(["Alice", "Dan", "Olga"]);
    expect(await who(nots(198))).toEqual(["Bob"]);
    expect(refusal(nots(200)).message).toMatch(/200/);
    // Deep parentheses alone add nothing to the query.
    expect(await who(`${"(".repeat(1000)}userName eq "bob@example.org"${")".repeat(1000)}`)).toEqual(["Bob"]);
  });
});

describe("filterMatches: the same filters on resources in memory", () => {
  const GROUPS = [
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      id: "g1",
      externalId: "Ext-1",
      displayName: "BobIsAmazing",
      members: [
        { value: "U-1", display: "alice@example.com", type: "User", $ref: "https://x/scim/p/v2/Users/U-1" },
        { value: "u-2", display: "bob@example.org", type: "User", $ref: "https://x/scim/p/v2/Users/u-2" },
      ],
      meta: { resourceType: "Group", created: "2026-01-01T00:00:00.000Z", lastModified: "2026-01-02T00:00:00.000Z", location: "https://x/scim/p/v2/Groups/g1" },
    },
    { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "desktop-user", displayName: "Desktop User", members: [], meta: { resourceType: "Group", location: "https://x/scim/p/v2/Groups/desktop-user" } },
  ];
  const ids = (filter: string) => GROUPS.filter(filterMatches(filter)).map((g) => g.id);

  it.each([
    ['DisplayName eq "bobisamazing"', ["g1"]],
    ["displayName sw desk", ["desktop-user"]],
    ['urn:ietf:params:scim:schemas:core:2.0:Group:displayName ew "USER"', ["desktop-user"]],
    ['id eq "desktop-user" or displayName co "amaz"', ["g1", "desktop-user"]],
    ['externalId eq "ext-1"', []],
    ['externalId eq "Ext-1"', ["g1"]],
    ["externalId pr", ["g1"]],
    ["externalId eq null", ["desktop-user"]],
    ['displayName ne "Desktop User"', ["g1"]],
    ['not (displayName gt "c")', ["g1"]],
    ["members pr", ["g1"]],
    ["not (members pr)", ["desktop-user"]],
    // A multi-valued attribute matches if any of its values does; a complex one compares its value.
    ['members eq "u-2"', ["g1"]],
    ['members[value eq "u-1"]', ["g1"]],
    ['members[value eq "U-1" and display sw "alice"]', ["g1"]],
    ['members[value eq "U-1" and display sw "bob"]', []],
    ['members[type eq "User"].display co "bob"', ["g1"]],
    ['members.display ew ".org"', ["g1"]],
    ["meta.created gt 2025-06-01T00:00:00+02:00", ["g1"]],
    ['meta.lastModified le "2026-01-02T01:00:00+01:00"', ["g1"]],
    ['meta.resourceType eq "group"', ["g1", "desktop-user"]],
  ])("%s", (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it.each([['nickName eq "x"'], ['meta.created gt "soon"'], ['displayName eq "a" or'], ['members[value eq "x"'], ["displayName gt null"]])("refuses %s", (filter) => {
    let error: unknown;
    try {
      filterMatches(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(scimDomainError(error as DomainError).fields).toEqual({ scimType: "invalidFilter" });
  });
});
