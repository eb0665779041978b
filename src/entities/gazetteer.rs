//! The gazetteer of Vietnam's administrative units. (Contract placeholder; being written.)
