/**
 * Functions the rewriter lets a query call: built-in Postgres functions that only compute a value.
 * Anything else (a user function, `pg_read_file`, `set_config`, `nextval`, `dblink`, `lo_import`…)
 * might have side effects or read around the policy, so a query calling it is refused.
 */

const safe = new Set(
  `
  count sum avg min max every bool_and bool_or bit_and bit_or string_agg array_agg json_agg jsonb_agg
  json_object_agg jsonb_object_agg stddev stddev_pop stddev_samp variance var_pop var_samp corr covar_pop
  covar_samp regr_slope regr_intercept percentile_cont percentile_disc mode any_value
  row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value
  abs ceil ceiling floor round trunc sign sqrt cbrt exp ln log log10 power pow mod div greatest least
  random_normal width_bucket pi degrees radians sin cos tan asin acos atan atan2 gcd lcm scale
  length char_length character_length octet_length bit_length lower upper initcap trim btrim ltrim rtrim
  lpad rpad left right substr substring position strpos replace translate repeat reverse concat concat_ws
  split_part starts_with format md5 sha224 sha256 sha384 sha512 encode decode convert_to convert_from
  to_char to_number to_date to_timestamp regexp_replace regexp_match regexp_matches regexp_like
  regexp_count regexp_substr regexp_split_to_array string_to_array array_to_string array_length
  cardinality array_position array_positions array_remove array_append array_prepend array_cat unnest
  generate_series generate_subscripts
  now current_date current_timestamp localtimestamp clock_timestamp statement_timestamp
  transaction_timestamp date_trunc date_part date_bin extract age make_date make_time make_timestamp
  make_timestamptz make_interval justify_days justify_hours justify_interval isfinite timezone
  to_json to_jsonb json_build_object jsonb_build_object json_build_array jsonb_build_array
  jsonb_extract_path jsonb_extract_path_text json_extract_path json_extract_path_text jsonb_typeof
  json_typeof jsonb_array_length json_array_length jsonb_object_keys jsonb_array_elements
  jsonb_array_elements_text json_array_elements json_array_elements_text jsonb_each jsonb_each_text
  coalesce nullif num_nonnulls num_nulls host network masklen family abbrev inet_same_family
  row_to_json array_to_json json_object jsonb_object jsonb_set jsonb_insert jsonb_strip_nulls
  json_strip_nulls jsonb_pretty jsonb_path_query jsonb_path_query_array jsonb_path_query_first
  jsonb_path_exists jsonb_path_match string_to_table regexp_split_to_table regexp_instr quote_ident
  quote_literal quote_nullable chr ascii to_hex bit_count array_dims array_lower array_upper
  array_ndims array_fill trim_array int4range int8range numrange tsrange tstzrange daterange isempty
  lower_inc upper_inc lower_inf upper_inf range_merge to_tsvector to_tsquery plainto_tsquery
  phraseto_tsquery websearch_to_tsquery ts_rank ts_rank_cd ts_headline date_add date_subtract random
  similar_to_escape like_escape overlaps overlay normalize is_normalized pg_collation_for
  `
    .split(/\s+/)
    .filter((n) => n !== ''),
);

interface FuncCallBody {
  funcname?: { String?: { sval?: string } }[];
}

/** The function's name as written, e.g. `pg_catalog.lower`. */
export function functionName(call: FuncCallBody): string {
  return (call.funcname ?? []).map((n) => n.String?.sval ?? '?').join('.');
}

/** Whether a function call names a built-in function that only computes a value. */
export function isKnownSafeFunction(call: FuncCallBody): boolean {
  const names = (call.funcname ?? []).map((n) => n.String?.sval);
  if (names.length === 2 && names[0] !== 'pg_catalog') return false;
  if (names.length < 1 || names.length > 2) return false;
  const name = names[names.length - 1];
  return name !== undefined && safe.has(name);
}
