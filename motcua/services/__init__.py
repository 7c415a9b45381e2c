"""Use cases: each public function is one transaction over the pure rules.

Data flows one way: caller → service (one transaction) → hallcore rules →
storage → commit → events published to subscribers (realtime, voice, print).
"""
