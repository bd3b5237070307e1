;; Coarse squared distances between a query and every row of a table, in 16-bit integers
;; (coarse-rows.ts chooses the scale and explains why answers stay exact; coarse-kernel.ts
;; loads this module). After editing, regenerate the bytes that ship in coarse-distances-wasm.ts:
;;   npx tsx test/bench/tabular/write-coarse-distances-wasm.ts
;; test/bench/tabular/coarse-distances-wasm.test.ts checks that they match this file and tests
;; both functions against plain arithmetic.
;;
;; Memory layout (byte offsets chosen by the caller, all multiples of 16):
;;   query:  one i32 per coordinate pair: the two i16 coordinates 2p (low half) and 2p + 1.
;;   points: groups of 8 rows; a group holds, for each coordinate pair p, 32 bytes:
;;           rows 0-3 then rows 4-7, each row's two i16 coordinates side by side, so that
;;           i32x4.dot_i16x8_s of a difference with itself gives four rows' sums of two squares.
;;   out:    one i32 per row slot: its coarse squared distance.
;;   list:   one i32 per row slot: the slots `below` found.
(module
  (import "env" "memory" (memory 1))

  ;; Writes every slot's coarse distance to `out` and returns the smallest.
  (func (export "approximate")
    (param $query i32) (param $points i32) (param $pairs i32) (param $groups i32) (param $out i32)
    (result i32)
    (local $outEnd i32) (local $pair i32) (local $queryEnd i32)
    (local $q v128) (local $a v128) (local $b v128) (local $sumA v128) (local $sumB v128) (local $smallest v128)
    (local $min i32) (local $lane i32)
    (local.set $smallest (i32x4.splat (i32.const 0x7fffffff)))
    (local.set $outEnd (i32.add (local.get $out) (i32.shl (local.get $groups) (i32.const 5))))
    (local.set $queryEnd (i32.add (local.get $query) (i32.shl (local.get $pairs) (i32.const 2))))
    (block $groupsDone
      (loop $group
        (br_if $groupsDone (i32.ge_u (local.get $out) (local.get $outEnd)))
        (local.set $sumA (v128.const i32x4 0 0 0 0))
        (local.set $sumB (v128.const i32x4 0 0 0 0))
        (local.set $pair (local.get $query))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $pair) (local.get $queryEnd)))
            ;; The query's pair repeated in every row's place; differences fit in i16 by the scale's choice.
            (local.set $q (v128.load32_splat (local.get $pair)))
            (local.set $a (i16x8.sub (v128.load (local.get $points)) (local.get $q)))
            (local.set $b (i16x8.sub (v128.load offset=16 (local.get $points)) (local.get $q)))
            (local.set $sumA (i32x4.add (local.get $sumA) (i32x4.dot_i16x8_s (local.get $a) (local.get $a))))
            (local.set $sumB (i32x4.add (local.get $sumB) (i32x4.dot_i16x8_s (local.get $b) (local.get $b))))
            (local.set $points (i32.add (local.get $points) (i32.const 32)))
            (local.set $pair (i32.add (local.get $pair) (i32.const 4)))
            (br $pairs)))
        (v128.store (local.get $out) (local.get $sumA))
        (v128.store offset=16 (local.get $out) (local.get $sumB))
        (local.set $smallest (i32x4.min_s (local.get $smallest) (i32x4.min_s (local.get $sumA) (local.get $sumB))))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (br $group)))
    (local.set $min (i32x4.extract_lane 0 (local.get $smallest)))
    (local.set $lane (i32x4.extract_lane 1 (local.get $smallest)))
    (if (i32.lt_s (local.get $lane) (local.get $min)) (then (local.set $min (local.get $lane))))
    (local.set $lane (i32x4.extract_lane 2 (local.get $smallest)))
    (if (i32.lt_s (local.get $lane) (local.get $min)) (then (local.set $min (local.get $lane))))
    (local.set $lane (i32x4.extract_lane 3 (local.get $smallest)))
    (if (i32.lt_s (local.get $lane) (local.get $min)) (then (local.set $min (local.get $lane))))
    (local.get $min))

  ;; Writes to `list`, in increasing order, the slots (of `slots`, a multiple of 4) whose
  ;; distance in `out` is at most `threshold`, and returns how many there are.
  (func (export "below")
    (param $out i32) (param $slots i32) (param $threshold i32) (param $list i32)
    (result i32)
    (local $slot i32) (local $lane i32) (local $count i32) (local $limit v128)
    (local.set $limit (i32x4.splat (local.get $threshold)))
    (block $slotsDone
      (loop $quad
        (br_if $slotsDone (i32.ge_u (local.get $slot) (local.get $slots)))
        ;; Most quads hold no candidate: one vector test skips them.
        (if (v128.any_true (i32x4.le_s (v128.load (local.get $out)) (local.get $limit)))
          (then
            (local.set $lane (i32.const 0))
            (loop $lanes
              (if (i32.le_s (i32.load (i32.add (local.get $out) (i32.shl (local.get $lane) (i32.const 2)))) (local.get $threshold))
                (then
                  (i32.store (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2)))
                    (i32.add (local.get $slot) (local.get $lane)))
                  (local.set $count (i32.add (local.get $count) (i32.const 1)))))
              (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
              (br_if $lanes (i32.lt_u (local.get $lane) (i32.const 4))))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $slot (i32.add (local.get $slot) (i32.const 4)))
        (br $quad)))
    (local.get $count))
)
